import type { MathNode } from 'mathjs';

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
  if (walks.length > maxNodes) return `The expression is too large (${walks.length} parts; at most ${maxNodes}).`;
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
            return 'Property access (a.b) is not allowed; index with brackets, e.g. W[1, 2].';
          }
        }
        break;
      case 'ObjectNode':
        return 'Objects are not supported here; use numbers, vectors and matrices.';
      case 'ConstantNode':
        if (typeof (node as unknown as { value: unknown }).value === 'string')
          return 'Text values are not supported here.';
        break;
      case 'RangeNode':
        if (parent?.type !== 'IndexNode') return 'Ranges (a:b) are only allowed inside an index, e.g. W[1:2, 1].';
        break;
      case 'OperatorNode': {
        const fn = (node as unknown as { fn: string; op: string }).fn;
        if (!functions.has(fn))
          return `The operator “${(node as unknown as { op: string }).op}” is not available here.`;
        break;
      }
      case 'FunctionNode': {
        const fn = (node as unknown as { fn: MathNode }).fn;
        if (fn.type !== 'SymbolNode') return 'Only functions called by name are allowed, e.g. max(z).';
        const name = (fn as unknown as { name: string }).name;
        if (!functions.has(name) && !userFunctions.has(name)) return `The function ${name}() is not available here.`;
        break;
      }
      case 'SymbolNode': {
        const name = (node as unknown as { name: string }).name;
        if (forbiddenNames.has(name)) return `The name “${name}” is not allowed.`;
        const isCall = parent?.type === 'FunctionNode' && path === 'fn';
        if (isCall) break;
        if (scopeNames.has(name) || constants.has(name) || defined.has(name)) break;
        if (functions.has(name) || userFunctions.has(name)) return `${name} is a function; call it, e.g. ${name}(x).`;
        return `Unknown symbol “${name}”. Available: ${[...scopeNames].join(', ') || 'none'}.`;
      }
      default:
        break;
    }
  }
  const recursive = findRecursion(callGraph(walks));
  if (recursive) return `${recursive}() calls itself; recursion is not allowed here.`;
  const expensive = findExpensive(walks);
  if (expensive) return `${expensive}() would make more than ${maxCallCost} calls; nest fewer functions.`;
  return undefined;
}
