import { checkNumber, checkOneOf, SimConfigError } from "../errors/index.js";
import type { Rng } from "../random/index.js";
import { mix32 } from "./sampler.js";

/** The endpoints of the story's code path: a customer's genre rows, a movie list, a profile. */
export const REQUEST_TYPES = ["genres", "movieList", "profile"] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];
/** Fields a response carries; `servedAt`, `requestId`, `genreSet` order and `score` carry noise. */
export const RESPONSE_FIELDS = ["titles", "genreSet", "rating", "name", "score", "servedAt", "requestId"] as const;
export type ResponseField = (typeof RESPONSE_FIELDS)[number];

/** A response as structured data: scalars and lists (a set is a list in iteration order). */
export type ResponseRecord = Readonly<Record<string, string | number | readonly string[]>>;

/** A bug in the candidate: `field` of `requestType` is wrong for `customerShare` of customers. */
export interface Regression {
  requestType: RequestType;
  field: ResponseField;
  /** Share of customers (0–1, chosen by a hash of the id) who get the wrong value. */
  customerShare: number;
}

/** One request as Diffy multicasts it: the same request answered by the three instances. */
export interface Exchange {
  requestType: RequestType;
  customerId: number;
  primary: ResponseRecord;
  secondary: ResponseRecord;
  candidate: ResponseRecord;
}

/** Our assumption: a third of `score` values come from a stale recommendation cache. */
export const SCORE_STALE_SHARE = 0.3;
const GENRES = ["Drama", "Comedy", "Thrillers", "Documentaries", "Anime", "Sci-Fi", "Kids", "Horror"];

/**
 * Checks a regression's fields, naming the path on error.
 *
 * @example
 * checkRegression("diff.regression", { requestType: "movieList", field: "titles", customerShare: 0.1 }).field // 'titles'
 */
export function checkRegression(path: string, r: Regression): Regression {
  checkOneOf(`${path}.requestType`, r.requestType, REQUEST_TYPES);
  checkOneOf(`${path}.field`, r.field, RESPONSE_FIELDS);
  // A profile answer carries no titles (an empty list): a bug there would change nothing, and a
  // diff tool would be blamed for missing a regression that cannot be seen.
  if (r.requestType === "profile" && r.field === "titles")
    throw new SimConfigError(`${path}.field`, r.field, "a field profile answers carry (they hold no titles)");
  checkNumber(`${path}.customerShare`, r.customerShare, { min: 0, max: 1 });
  return r;
}

/**
 * Answers one request on the primary, the secondary (same code as the primary) and the candidate.
 * Content follows from the customer; timestamps, ids, set order and stale scores differ per
 * instance; the candidate also carries `regressions`.
 *
 * @example
 * const x = exchange("profile", 42, [], createRng(1));
 * x.primary.name === x.candidate.name // true
 */
export function exchange(
  requestType: RequestType,
  customerId: number,
  regressions: readonly Regression[],
  rng: Rng,
): Exchange {
  // What the customer's answer holds is the same on every instance: build it once.
  const h = mix32(customerId * 31 + REQUEST_TYPES.indexOf(requestType));
  const content: Content = {
    genres: GENRES.filter((_, i) => (h >>> i) & 1 || i === h % GENRES.length),
    titles: requestType === "profile" ? [] : Array.from({ length: 5 }, (_, i) => `title-${mix32(h + i) % 5000}`),
    rating: h % 5,
    name: `customer-${customerId}`,
    score: Math.round(((h % 1000) / 10) * 10) / 10,
  };
  const primary = respond(content, rng);
  const secondary = respond(content, rng);
  let candidate = respond(content, rng);
  for (const r of regressions) {
    if (r.requestType === requestType && mix32(customerId ^ 0x5bd1e995) % 10000 < r.customerShare * 10000) {
      candidate = { ...candidate, [r.field]: regress(r.field, candidate[r.field]) };
    }
  }
  return { requestType, customerId, primary, secondary, candidate };
}

interface Content {
  genres: readonly string[];
  titles: readonly string[];
  rating: number;
  name: string;
  score: number;
}

function respond(c: Content, rng: Rng): ResponseRecord {
  // A hash set iterates in an order that differs between JVMs: shuffle per instance.
  const genreSet = [...c.genres];
  for (let i = genreSet.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const kept = genreSet[i] as string;
    genreSet[i] = genreSet[j] as string;
    genreSet[j] = kept;
  }
  return {
    titles: c.titles,
    genreSet,
    rating: c.rating,
    name: c.name,
    score: rng.next() < SCORE_STALE_SHARE ? c.score - 0.5 : c.score,
    servedAt: 1_262_304_000_000 + Math.floor(rng.next() * 1000),
    requestId: rng.int(2 ** 31),
  };
}

function regress(field: ResponseField, value: ResponseRecord[string] | undefined): ResponseRecord[string] {
  if (Array.isArray(value)) {
    const list = value as readonly string[];
    // A ranking bug: the last two swap; for a set, one member goes missing.
    return field === "genreSet" ? list.slice(1) : [...list.slice(0, -2), ...list.slice(-2).reverse()];
  }
  if (typeof value === "number") return field === "servedAt" ? value + 3_600_000 : value + 1;
  return `${String(value)}!`;
}
