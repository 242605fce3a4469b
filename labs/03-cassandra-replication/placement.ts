// Lab 03, part 1: NetworkTopologyStrategy replica placement.
//
// Cassandra stores each key on several nodes. Which ones? Hash the key to a token, find the
// first token on the ring at or after it, then walk the ring clockwise picking replicas. With
// NetworkTopologyStrategy each data centre (an AWS region) gets its own number of replicas, and
// within a region the replicas are spread over racks (AWS availability zones), so that losing a
// whole zone never loses every copy of a key.
//
// Write `placeReplicas` so that it returns exactly the nodes Cassandra would choose, in the order
// it finds them (the first one is the "primary"). See README.md for the rules.
//
// Do not change the exported names or the types: the grader calls this function directly and
// also plugs it into the cassandraReplication scenario.

/** One token on the ring and the node that holds it. `ring` is sorted by token, ascending. */
export interface RingToken {
  token: number;
  node: number;
}

/** A node: its id (its index in `nodes`), its region (data centre) and its zone (rack). */
export interface NodePlace {
  id: number;
  region: string;
  zone: string;
}

/**
 * The replicas of `token`, in the order a clockwise walk finds them.
 *
 * @param ring every token on the ring, sorted ascending; a node holds several tokens (vnodes)
 * @param nodes every node; `nodes[i].id === i`
 * @param token the key's token
 * @param rfByRegion replicas wanted in each region, e.g. { "us-east-1": 3 }
 */
export function placeReplicas(
  ring: RingToken[],
  nodes: NodePlace[],
  token: number,
  rfByRegion: Record<string, number>,
): number[] {
  // TODO 1: find where the walk starts: the first ring entry whose token is >= `token`
  //         (if there is none, wrap around to the first entry).
  // TODO 2: walk the whole ring once from there, clockwise, wrapping at the end.
  // TODO 3: skip a node that is already a replica, or whose region needs no more replicas.
  // TODO 4: take a node whose zone has no replica yet; take a node in an already used zone only
  //         while that region still has "repeats" left: repeats = RF - (zones in the region).
  // TODO 5: stop when every region has its replicas, and return them in the order taken.
  throw new Error(
    `TODO: placeReplicas is not written yet (${ring.length} tokens, ${nodes.length} nodes, token ${token}, ${JSON.stringify(rfByRegion)})`,
  );
}
