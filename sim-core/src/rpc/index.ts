export { Station, type StationOptions } from "./station.js";
