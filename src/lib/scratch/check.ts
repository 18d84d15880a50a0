import type { MathNode } from 'mathjs';
import { m } from '../i18n/messages.ts';
import { formatNumber } from '../ui/format.ts';

/** Names no expression may mention, whatever the scope holds. */
const forbiddenNames = new Set(['constructor', '__proto__', 'prototype', '__defineGetter__', '__defineSetter__']);

/** Largest expression tree the scratchpad evaluates. */
export const maxNodes = 400;

interface Walk {
  node: MathNode;
  parent: MathNode | null;
  path: string;
}

function collect(root: MathNode): Walk[] {
  const out: Walk[] = [];
  root.traverse((node, path, parent) => {
    out.push({ node, parent, path });
  });
  return out;
}

/** User-defined functions and the user functions each one calls. */
function callGraph(walks: Walk[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const { node } of walks) {
    if (node.type !== 'FunctionAssignmentNode') continue;
    const f = node as unknown as { name: string; expr: MathNode };
    const calls = new Set<string>();
    f.expr.traverse((n) => {
      if (n.type === 'FunctionNode') {
        const fn = (n as unknown as { fn: MathNode }).fn;
        if (fn.type === 'SymbolNode') calls.add((fn as unknown as { name: string }).name);
      }
    });
    graph.set(f.name, calls);
  }
  return graph;
}

/** Most function calls one call of a user function may make (f2(x) = f1(f1(x)) doubles each level). */
export const maxCallCost = 5_000;

/**
 * The user function whose single call would make more than maxCallCost calls
 * (counting nested calls of user functions), if any. Without recursion the
 * calls form a DAG, but nesting f(f(x)) still doubles per level: 25 short
 * definitions would run 2^25 calls and freeze the page.
 */
function findExpensive(walks: Walk[]): string | undefined {
  const calls = new Map<string, string[]>();
  for (const { node } of walks) {
    if (node.type !== 'FunctionAssignmentNode') continue;
    const f = node as unknown as { name: string; expr: MathNode };
    const list: string[] = [];
    f.expr.traverse((n) => {
      if (n.type !== 'FunctionNode') return;
      const fn = (n as unknown as { fn: MathNode }).fn;
      list.push(fn.type === 'SymbolNode' ? (fn as unknown as { name: string }).name : '');
    });
    calls.set(f.name, list);
  }
  const cost = new Map<string, number>();
  const costOf = (name: string, depth: number): number => {
    const known = cost.get(name);
    if (known !== undefined) return known;
    const list = calls.get(name);
    if (list === undefined || depth > calls.size) return 1;
    let total = 1;
    for (const callee of list) total = Math.min(total + costOf(callee, depth + 1), Number.MAX_SAFE_INTEGER);
    cost.set(name, total);
    return total;
  };
  return [...calls.keys()].find((f) => costOf(f, 0) > maxCallCost);
}

/** The first user function that can reach itself through calls, if any. */
export function findRecursion(graph: ReadonlyMap<string, ReadonlySet<string>>): string | undefined {
  const reaches = (from: string, target: string, seen: Set<string>): boolean => {
    for (const next of graph.get(from) ?? []) {
      if (next === target) return true;
      if (graph.has(next) && !seen.has(next)) {
        seen.add(next);
        if (reaches(next, target, seen)) return true;
      }
    }
    return false;
  };
  return [...graph.keys()].find((f) => reaches(f, f, new Set()));
}

/**
 * Checks a parsed expression against the scratchpad's whitelist. Returns a
 * message saying what was refused, or undefined when it may run: no property
 * access, objects, strings or free-standing ranges; only whitelisted or
 * self-defined functions called by name; no recursion; bounded size.
 */
export function checkExpression(
  root: MathNode,
  scopeNames: ReadonlySet<string>,
  functions: ReadonlySet<string>,
  constants: ReadonlySet<string>,
): string | undefined {
  const walks = collect(root);
  if (walks.length > maxNodes)
    return m.part_scratchpad_refused_too_large({
      parts: formatNumber(walks.length, 0),
      max: formatNumber(maxNodes, 0),
    });
  const defined = new Set<string>();
  const userFunctions = new Set<string>();
  for (const { node } of walks) {
    if (node.type === 'AssignmentNode') {
      const target = (node as unknown as { object: MathNode }).object;
      if (target.type === 'SymbolNode') defined.add((target as unknown as { name: string }).name);
    }
    if (node.type === 'FunctionAssignmentNode') {
      const f = node as unknown as { name: string; params: string[] };
      userFunctions.add(f.name);
      for (const p of f.params) defined.add(p);
    }
  }
  for (const { node, parent, path } of walks) {
    switch (node.type) {
      case 'AccessorNode':
      case 'IndexNode':
        if ((node as unknown as { dotNotation?: boolean }).dotNotation || node.type === 'AccessorNode') {
          const index = node.type === 'AccessorNode' ? (node as unknown as { index: MathNode }).index : node;
          if ((index as unknown as { dotNotation?: boolean }).dotNotation) {
            return m.part_scratchpad_refused_property();
          }
        }
        break;
      case 'ObjectNode':
        return m.part_scratchpad_refused_objects();
      case 'ConstantNode':
        if (typeof (node as unknown as { value: unknown }).value === 'string') return m.part_scratchpad_refused_text();
        break;
      case 'RangeNode':
        if (parent?.type !== 'IndexNode') return m.part_scratchpad_refused_range();
        break;
      case 'OperatorNode': {
        const fn = (node as unknown as { fn: string; op: string }).fn;
        if (!functions.has(fn))
          return m.part_scratchpad_refused_operator({ operator: (node as unknown as { op: string }).op });
        break;
      }
      case 'FunctionNode': {
        const fn = (node as unknown as { fn: MathNode }).fn;
        if (fn.type !== 'SymbolNode') return m.part_scratchpad_refused_call_by_name();
        const name = (fn as unknown as { name: string }).name;
        if (!functions.has(name) && !userFunctions.has(name)) return m.part_scratchpad_refused_function({ name });
        break;
      }
      case 'SymbolNode': {
        const name = (node as unknown as { name: string }).name;
        if (forbiddenNames.has(name)) return m.part_scratchpad_refused_name({ name });
        const isCall = parent?.type === 'FunctionNode' && path === 'fn';
        if (isCall) break;
        if (scopeNames.has(name) || constants.has(name) || defined.has(name)) break;
        if (functions.has(name) || userFunctions.has(name)) return m.part_scratchpad_refused_not_called({ name });
        return m.part_scratchpad_refused_unknown({
          name,
          names: [...scopeNames].join(m.part_list_separator()) || m.part_scratchpad_names_none(),
        });
      }
      default:
        break;
    }
  }
  const recursive = findRecursion(callGraph(walks));
  if (recursive) return m.part_scratchpad_refused_calls_itself({ name: recursive });
  const expensive = findExpensive(walks);
  if (expensive) return m.part_scratchpad_refused_expensive({ name: expensive, max: formatNumber(maxCallCost, 0) });
  return undefined;
}
