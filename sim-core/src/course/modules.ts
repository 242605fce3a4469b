import {
  canaryRelease,
  cassandraReplication,
  chaosExperiment,
  decomposition,
  fanOut,
  queueing,
  regionEvacuation,
  responseDiff,
  shadowTraffic,
  timeoutBudgets,
} from "../scenarios/index.js";
import {
  batchRiskChart,
  callsPerHopChart,
  canaryDistributionSpec,
  canaryVerdictSpec,
  cassandraLatencyChart,
  cassandraSeriesChart,
  cassandraStalenessChart,
  chaosAliveChart,
  chaosHarmChart,
  chaosInFlightChart,
  chaosSpsChart,
  chaosTopologyMermaid,
  decompositionLatencyChart,
  decompositionMermaid,
  decompositionRemoteCallsChart,
  diffyFieldsSpec,
  edgeLatencyChart,
  evacuationCapacityChart,
  evacuationInstancesChart,
  evacuationShareChart,
  evacuationTopologyMermaid,
  fallbacksChart,
  fanOutCurveChart,
  fanOutMermaid,
  fanOutPercentilesChart,
  goodputChart,
  inFlightChart,
  leadTimeHistogramChart,
  primaryLatencySpec,
  queueingMermaid,
  queueLengthChart,
  rampSpec,
  responseTimesChart,
  ringChart,
  ringMermaid,
  samplerShareSpec,
  sampleTraceMermaid,
  shadowTopologyMermaid,
  theoryChart,
  timeoutBudgetsTopologyMermaid,
  traceTimelineChart,
} from "../viz/index.js";
import type { CourseModule } from "./module.js";

/**
 * The course, one entry per module, in course order. Every list the kit shows (the site's
 * sidebar, home table and scenario catalog, the notebooks README, the labs list) is derived
 * from this array, and the course check (test/course/) fails when a built module lacks a part.
 * A module's page, notebook and lab are found by convention from its number and slug (see
 * `paths.ts`), so an entry names only what cannot be derived.
 *
 * @example
 * MODULES.map((m) => m.number) // [0, 1, 2, 3, 4, 5]
 */
export const MODULES = [
  {
    number: 0,
    slug: "simulation-basics",
    title: "Simulation basics",
    outcome:
      "read a latency histogram and its percentiles, use seeds, check a simulation against queueing theory (M/M/1, M/M/c, Little's law), explain tail latency at fan-out",
    scenarios: {
      queueing: {
        scenario: queueing,
        views: {
          charts: [responseTimesChart, queueLengthChart, theoryChart],
          diagrams: { topology: (r) => queueingMermaid(r) },
        },
      },
      fanOut: {
        scenario: fanOut,
        views: { charts: [fanOutCurveChart, fanOutPercentilesChart], diagrams: { topology: fanOutMermaid } },
      },
    },
    notebook: {
      covers:
        "seeds and fingerprints; latency distributions and percentiles; why averages lie; an M/M/1 queue against theory; Little's law; tail latency at fan-out, 1 − (1 − p)ⁿ",
    },
    labs: [],
  },
  {
    number: 1,
    slug: "monolith-decomposition",
    title: "Monolith decomposition",
    outcome:
      'cut a monolith into services along bounded contexts, see the cost of chatty calls and of a shared database (the "distributed monolith"), plan strangler-fig steps',
    scenarios: {
      decomposition: {
        scenario: decomposition,
        views: {
          // blastRadiusChart and stranglerChart need the slower `blastRadius` and `strangler`
          // runs; the notebook draws them, the page shows their numbers in tables.
          charts: [decompositionLatencyChart, decompositionRemoteCallsChart, leadTimeHistogramChart, batchRiskChart],
          diagrams: { topology: decompositionMermaid },
        },
      },
    },
    notebook: {
      covers:
        "the 2009 monolith on one Oracle; a naive split's latency and availability; chatty pairs; bounded contexts with owned data; the distributed monolith; blast radius; strangler-fig steps; release train versus independent deploys",
    },
    labs: ["01-decomposition"],
  },
  {
    number: 2,
    slug: "shadow-traffic",
    title: "Shadow traffic",
    outcome:
      "mirror a consistent share of real traffic to a new stack, compare responses while cancelling noise, and ramp up safely",
    scenarios: {
      shadowTraffic: {
        scenario: shadowTraffic,
        views: {
          charts: [primaryLatencySpec, samplerShareSpec, rampSpec],
          diagrams: { topology: shadowTopologyMermaid },
        },
      },
      responseDiff: { scenario: responseDiff, views: { charts: [diffyFieldsSpec] } },
      canaryRelease: { scenario: canaryRelease, views: { charts: [canaryVerdictSpec, canaryDistributionSpec] } },
    },
    notebook: {
      covers:
        "send-and-forget mirroring vs waiting for the copy; consistent, hashed and per-request sampling on skewed ids; too-fast and guarded ramps; Diffy's noise cancelling; canaries against a fresh baseline vs warm production",
    },
    labs: ["02-shadow-traffic"],
  },
  {
    number: 3,
    slug: "cassandra-replication",
    title: "Cassandra replication",
    outcome:
      "place replicas across zones and regions, choose consistency levels, measure how stale reads are and what stays available when nodes, zones or regions fail",
    scenarios: {
      cassandraReplication: {
        scenario: cassandraReplication,
        views: {
          charts: [cassandraSeriesChart, cassandraStalenessChart, cassandraLatencyChart, ringChart],
          diagrams: { ring: ringMermaid },
        },
      },
    },
    notebook: {
      covers:
        "tokens and the ring; replica placement across zones; R + W > N; how stale a read can be (PBS); zone and region outages by consistency level; hinted handoff and read repair",
    },
    labs: ["03-cassandra-replication"],
  },
  {
    number: 4,
    slug: "chaos-testing",
    title: "Chaos testing",
    outcome:
      "run instance, zone and region failures against a steady-state hypothesis with control and experiment groups, and abort automatically",
    scenarios: {
      chaosExperiment: {
        scenario: chaosExperiment,
        views: {
          charts: [chaosSpsChart, chaosHarmChart, chaosInFlightChart, chaosAliveChart],
          diagrams: { topology: chaosTopologyMermaid },
        },
      },
      regionEvacuation: {
        scenario: regionEvacuation,
        views: {
          charts: [evacuationShareChart, evacuationCapacityChart, evacuationInstancesChart],
          diagrams: { topology: evacuationTopologyMermaid },
        },
      },
    },
    notebook: {
      covers:
        "Chaos Monkey and Eureka's lag; retries on the same instance or another; Chaos Gorilla and zone-aware Ribbon; Latency Monkey, thread pools and bulkheads; ChAP's control and experiment groups, noise, automatic abort and blast radius; Chaos Kong's region evacuation with and without capacity ready, as a fluid model and in the running two-region system",
    },
    labs: ["04-chaos"],
  },
  {
    number: 5,
    slug: "timeout-budgets",
    title: "Timeout budgets",
    outcome:
      "see how equal timeouts plus retries at every layer collapse a healthy service, and fix it with telescoping timeouts, deadlines, retry budgets, backoff and circuit breakers",
    scenarios: {
      timeoutBudgets: {
        scenario: timeoutBudgets,
        views: {
          charts: [goodputChart, inFlightChart, callsPerHopChart, edgeLatencyChart, fallbacksChart, traceTimelineChart],
          diagrams: { topology: timeoutBudgetsTopologyMermaid, trace: sampleTraceMermaid },
        },
      },
    },
    notebook: {
      covers:
        "equal timeouts plus retries at every layer (6 s and 9 calls at the edge); wasted work; telescoping timeouts, retrying elsewhere, retry budgets and deadlines",
    },
    labs: ["05-timeout-budgets"],
  },
] as const satisfies readonly CourseModule[];
