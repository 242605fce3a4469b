// The course theme: VitePress's default theme plus the simulation components, registered
// globally so any Markdown page can use <Simulation>, <Predict>, <Topology> and <RequestTrace>.
import type { Theme } from "vitepress";
import DefaultTheme from "vitepress/theme";
import LabList from "./components/LabList.vue";
import ModuleLinks from "./components/ModuleLinks.vue";
import ModuleOutcomes from "./components/ModuleOutcomes.vue";
import Predict from "./components/Predict.vue";
import RequestTrace from "./components/RequestTrace.vue";
import ScenarioChart from "./components/ScenarioChart.vue";
import ScenarioGallery from "./components/ScenarioGallery.vue";
import Simulation from "./components/Simulation.vue";
import SimNumber from "./components/SimNumber.vue";
import TimeTravel from "./components/TimeTravel.vue";
import Topology from "./components/Topology.vue";
import "./style.css";
import "./time-travel.css";

const theme: Theme = {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    // A page that throws while rendering on the server must fail `vitepress build`, not ship
    // without its content (VitePress otherwise exits 0; see docs/TOOLING.md).
    if (import.meta.env.SSR) app.config.throwUnhandledErrorInProduction = true;
    app.component("Simulation", Simulation);
    app.component("Predict", Predict);
    app.component("Topology", Topology);
    app.component("RequestTrace", RequestTrace);
    app.component("SimNumber", SimNumber);
    app.component("ModuleLinks", ModuleLinks);
    app.component("ModuleOutcomes", ModuleOutcomes);
    app.component("LabList", LabList);
    app.component("ScenarioGallery", ScenarioGallery);
    app.component("TimeTravel", TimeTravel);
    app.component("ScenarioChart", ScenarioChart);
  },
};

export default theme;
