package io.edgefleet.engine.query;

/**
 * A compiled condition: a tree of small immutable objects, each answering for one part of the
 * condition. Evaluation allocates nothing for twin conditions on tags and reported properties.
 */
interface Evaluator<C> {
  Truth test(C context);
}
