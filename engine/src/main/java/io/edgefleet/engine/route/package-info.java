/**
 * edgeHub route strings ({@code FROM <source> [WHERE <condition>] INTO <sink>}), accepted exactly
 * as edgeHub accepts them; the condition is also read, where it can be, in the query language of
 * {@link io.edgefleet.engine.query}. Entry point: {@link io.edgefleet.engine.route.RouteParser}.
 */
package io.edgefleet.engine.route;
