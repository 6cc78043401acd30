/**
 * The IoT Hub twin query language: target conditions, metric queries and route conditions.
 *
 * <p>Entry point: {@link io.edgefleet.engine.query.QueryParser}. Text is tokenised by a lexer,
 * parsed by a recursive-descent parser into a tree of records ({@link
 * io.edgefleet.engine.query.Expr}, {@link io.edgefleet.engine.query.Operand}), printed back in
 * canonical form, and compiled into a tree of small evaluator objects that read a {@link
 * io.edgefleet.engine.query.TwinView} or {@link io.edgefleet.engine.query.MessageView} without
 * allocating. Every parse error is a {@link io.edgefleet.engine.query.QueryException} with a
 * column. The user documentation is {@code docs/query-language.md}.
 */
package io.edgefleet.engine.query;
