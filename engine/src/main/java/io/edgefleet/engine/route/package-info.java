/**
 * edgeHub route strings ({@code FROM <source> [WHERE <condition>] INTO <sink>}); the condition uses
 * the query language of {@link io.edgefleet.engine.query}. Entry point: {@link
 * io.edgefleet.engine.route.RouteParser}.
 */
package io.edgefleet.engine.route;
