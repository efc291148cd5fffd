/**
 * A primal active-set solver for convex quadratic programs
 *
 *   minimize ½ xᵀHx + gᵀx   subject to   lb ≤ x ≤ ub,   lo_j ≤ a_jᵀx ≤ hi_j  (j = 1..m)
 *
 * built for portfolio problems: many simple bounds, a handful of general rows. Variables
 * held at a bound leave the problem, so each iteration works on the free variables only,
 * through a Cholesky factor of H restricted to them that is updated (not recomputed) as
 * variables join or leave; active general rows enter through their Schur complement.
 * Every step solves the KKT system of the working set including the residual of its
 * constraints, so the final point satisfies the active constraints and stationarity to
 * machine precision. A feasible start is not needed: violated rows are relaxed by one
 * extra variable t ∈ [0,1] under an exact penalty M·t, raised until t leaves at 0
 * (if it cannot, the problem is infeasible). Degenerate vertices (several constraints
 * through one point) cannot make it cycle: after a few zero-length steps it follows
 * Bland's smallest-index rule until it moves again.
 *
 * A working set's minimizer is recognized either by a step below the rounding level
 * expected of a well-conditioned system, or — whatever the conditioning — by a step that
 * no longer halves after an unblocked full step: in exact arithmetic that next step is
 * zero, so what is left is the rounding floor of the reduced KKT system (ill-conditioned
 * with nearly collinear assets, and under the large phase-1 penalty gradients), and
 * stepping on it would never change the working set.
 */
import { WealthDeskError } from '../../errors.js';
import { UpdatableCholesky } from './cholesky.js';

export interface QpRow {
  /** Dense coefficients, length n. */
  a: Float64Array;
  lo: number;
  hi: number;
}

export interface QpInput {
  n: number;
  /** Row-major n×n symmetric matrix, positive definite on every subspace the solver visits. */
  H: Float64Array;
  g: Float64Array;
  lb: Float64Array;
  ub: Float64Array;
  rows: QpRow[];
  maxIterations?: number;
  /**
   * Anti-cycling: after this many consecutive degenerate iterations (zero-length steps, or
   * constraint releases that did not move x) the solver switches to Bland's rule — release
   * the lowest-index constraint with a wrong-signed multiplier, block on the lowest-index
   * constraint among ties — until a step makes progress. Default 8; 0 = always Bland.
   */
  blandAfter?: number;
  /** A feasible starting point with its working set (e.g. the solution of a nearby problem). */
  warmStart?: Pick<QpSolution, 'x' | 'varState' | 'rowState'>;
}

export interface QpSolution {
  x: Float64Array;
  /** Multipliers of the rows (≥ 0 at hi, ≤ 0 at lo, 0 when inactive). */
  rowMultipliers: Float64Array;
  /** Bound multipliers ν = Hx + g + Aᵀλ (≥ 0 at lb, ≤ 0 at ub, 0 for free variables). */
  boundMultipliers: Float64Array;
  /** -1 at lb, +1 at ub, 0 free. */
  varState: Int8Array;
  /** -1 at lo, +1 at hi, 2 equality, 0 inactive. */
  rowState: Int8Array;
  objective: number;
  iterations: number;
}

/** How far (relative) a cold start may miss a row and still count as feasible: rounding, not a violation. */
const START_TOL = 1e-10;

/** Solves the QP; throws WD_ERR_INFEASIBLE, WD_ERR_SINGULAR_COVARIANCE or WD_ERR_SOLVER. */
export function solveQp(input: QpInput): QpSolution {
  const { n, lb, ub, rows } = input;
  for (let i = 0; i < n; i++) {
    if (!(lb[i]! <= ub[i]!)) throw new WealthDeskError('WD_ERR_INFEASIBLE', `Bounds of variable ${i} are empty`);
  }
  for (const [j, r] of rows.entries()) {
    if (!(r.lo <= r.hi)) throw new WealthDeskError('WD_ERR_INFEASIBLE', `Constraint ${j} has lo > hi`);
  }
  if (input.warmStart) return checkFeasible(input, new ActiveSet(input, input.warmStart.x, input.warmStart).run());
  // Starting point: 0 clamped into the bounds.
  const x0 = new Float64Array(n);
  for (let i = 0; i < n; i++) x0[i] = Math.min(Math.max(0, lb[i]!), ub[i]!);
  // Greedy repair of each equality row in turn within the bounds (e.g. the budget Σw = 1),
  // so the penalty phase below usually has nothing or little to relax.
  for (const r of rows) {
    if (r.lo !== r.hi) continue;
    let need = r.lo - dot(r.a, x0, n);
    for (let i = 0; i < n && Math.abs(need) > 0; i++) {
      const a = r.a[i]!;
      if (a === 0) continue;
      const dir = Math.sign(need / a);
      const room = dir > 0 ? ub[i]! - x0[i]! : x0[i]! - lb[i]!;
      const move = Math.min(Math.abs(need / a), room, 1e6);
      if (!(move > 0)) continue;
      x0[i] = x0[i]! + dir * move;
      need -= a * dir * move;
    }
  }
  const d = new Float64Array(rows.length);
  let anyViolated = false;
  // A row the start misses by at most START_TOL (the caller's rounding, e.g. limits widened
  // to hold the current portfolio and then rounded) is widened to the start for this solve
  // instead of relaxed: a phase-1 column of ~1e-11 beside columns of ~1 leaves, once its
  // variable reaches 0, a degenerate working set with a residual no step removes, and the
  // solver cycled to its iteration limit (WD_ERR_SOLVER). The answer then meets the row to
  // START_TOL, inside checkFeasible's 1e-9.
  let solveRows = rows;
  for (const [j, r] of rows.entries()) {
    const s = dot(r.a, x0, n);
    const tol = 1e-14 * (1 + Math.abs(s)); // rounding left by the greedy repair is not a violation
    const miss = s < r.lo - tol ? r.lo - s : s > r.hi + tol ? r.hi - s : 0;
    if (miss === 0) continue;
    if (Math.abs(miss) <= START_TOL * (1 + Math.abs(s))) {
      if (solveRows === rows) solveRows = rows.slice();
      solveRows[j] = miss > 0 ? { ...r, lo: s } : { ...r, hi: s };
      continue;
    }
    d[j] = miss;
    anyViolated = true;
  }
  const solveInput = solveRows === rows ? input : { ...input, rows: solveRows };
  if (!anyViolated) return checkFeasible(input, new ActiveSet(solveInput, x0, null).run());

  // Phase-1 by exact penalty: one variable t_j ∈ [0, 1] per violated row relaxes it.
  const viol: number[] = [];
  for (let j = 0; j < rows.length; j++) if (d[j] !== 0) viol.push(j);
  const nt = viol.length;
  const m = n + nt;
  const H = new Float64Array(m * m);
  let diag = 0;
  for (let i = 0; i < n; i++) {
    H.set(input.H.subarray(i * n, i * n + n), i * m);
    diag += Math.abs(input.H[i * n + i]!);
  }
  for (let q = 0; q < nt; q++) H[(n + q) * m + n + q] = diag / n || 1;
  const g = new Float64Array(m);
  g.set(input.g);
  let gmax = 0;
  for (let i = 0; i < n; i++) gmax = Math.max(gmax, Math.abs(input.g[i]!));
  const lb2 = new Float64Array(m);
  const ub2 = new Float64Array(m);
  lb2.set(lb);
  ub2.set(ub);
  ub2.fill(2, n); // t = 1 starts strictly inside its bounds, i.e. free
  const rows2 = solveRows.map((r, j) => {
    const a = new Float64Array(m);
    a.set(r.a);
    const q = viol.indexOf(j);
    if (q >= 0) a[n + q] = d[j]!;
    return { a, lo: r.lo, hi: r.hi };
  });
  const xs = new Float64Array(m);
  xs.set(x0);
  xs.fill(1, n);
  const scale = 1 + gmax + (diag / n) * 10;
  let penalty = 1e2 * scale;
  let warm: ActiveSet | null = null;
  let total = 0;
  let prevRelaxed = Infinity;
  for (let attempt = 0; attempt < 2; attempt++) {
    g.fill(penalty, n);
    const inner: QpInput = { n: m, H, g, lb: lb2, ub: ub2, rows: rows2, maxIterations: input.maxIterations, blandAfter: input.blandAfter };
    const solver: ActiveSet = new ActiveSet(inner, warm ? warm.x : xs, warm);
    let sol: QpSolution;
    try {
      sol = solver.run();
    } catch (e) {
      // A raised penalty on a still-relaxed problem: cancellation makes steps unreliable.
      if (attempt > 0 && e instanceof WealthDeskError && e.code === 'WD_ERR_SOLVER') break;
      throw e;
    }
    total += sol.iterations;
    let relaxed = 0;
    for (let q = n; q < m; q++) if (sol.varState[q] !== -1) relaxed = Math.max(relaxed, sol.x[q]!);
    if (relaxed <= 0) {
      checkFeasible(input, { x: sol.x.subarray(0, n) });
      return {
        x: sol.x.slice(0, n),
        rowMultipliers: sol.rowMultipliers,
        boundMultipliers: sol.boundMultipliers.slice(0, n),
        varState: sol.varState.slice(0, n),
        rowState: sol.rowState,
        objective: sol.objective,
        iterations: total,
      };
    }
    // A larger penalty that does not shrink the relaxation means none can remove it.
    if (relaxed >= 0.5 * prevRelaxed) break;
    prevRelaxed = relaxed;
    warm = solver;
    penalty *= 1e2;
  }
  throw new WealthDeskError('WD_ERR_INFEASIBLE', 'The constraints cannot all be met (no feasible portfolio)');
}

/** Safety net: a returned point must satisfy every constraint (else the solver failed). */
function checkFeasible<T extends { x: Float64Array }>(input: QpInput, sol: T): T {
  const { n, lb, ub, rows } = input;
  const x = sol.x;
  let xs = 1;
  for (let i = 0; i < n; i++) xs = Math.max(xs, Math.abs(x[i]!));
  const tol = 1e-9 * xs;
  for (let i = 0; i < n; i++) {
    if (x[i]! < lb[i]! - tol || x[i]! > ub[i]! + tol) {
      throw new WealthDeskError('WD_ERR_SOLVER', `Solver returned a point outside the bounds of variable ${i}`);
    }
  }
  for (const [j, r] of rows.entries()) {
    const v = dot(r.a, x, n);
    if (v < r.lo - tol * (1 + Math.abs(r.lo)) || v > r.hi + tol * (1 + Math.abs(r.hi))) {
      throw new WealthDeskError('WD_ERR_SOLVER', `Solver returned a point violating constraint ${j}`);
    }
  }
  return sol;
}

function dot(a: Float64Array, b: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i]! * b[i]!;
  return s;
}

class ActiveSet {
  readonly n: number;
  readonly x: Float64Array;
  readonly G: Float64Array;
  readonly varState: Int8Array;
  readonly rowState: Int8Array;
  readonly free: number[] = [];
  readonly pos: Int32Array;
  readonly chol: UpdatableCholesky;
  readonly lambda: Float64Array;
  private readonly rowVal: Float64Array;

  constructor(
    readonly p: QpInput,
    x0: Float64Array,
    warm: Pick<QpSolution, 'varState' | 'rowState'> | null,
  ) {
    const n = (this.n = p.n);
    this.x = Float64Array.from(x0);
    this.G = new Float64Array(n);
    this.pos = new Int32Array(n).fill(-1);
    this.chol = new UpdatableCholesky(n);
    this.lambda = new Float64Array(p.rows.length);
    this.rowVal = new Float64Array(p.rows.length);
    this.varState = new Int8Array(n);
    this.rowState = new Int8Array(p.rows.length);
    for (let i = 0; i < n; i++) {
      const xi = this.x[i]!;
      this.varState[i] = warm ? warm.varState[i]! : xi <= p.lb[i]! ? -1 : xi >= p.ub[i]! ? 1 : 0;
    }
    for (const [j, r] of p.rows.entries()) {
      this.rowState[j] = r.lo === r.hi ? 2 : warm ? warm.rowState[j]! : 0;
    }
    for (let i = 0; i < n; i++) if (this.varState[i] === 0) this.addFree(i);
  }

  private addFree(i: number): void {
    const { free, chol, p } = this;
    const col = new Float64Array(free.length);
    for (let k = 0; k < free.length; k++) col[k] = p.H[i * this.n + free[k]!]!;
    if (!chol.append(col, p.H[i * this.n + i]!)) {
      throw new WealthDeskError(
        'WD_ERR_SINGULAR_COVARIANCE',
        'The covariance matrix is singular or not positive definite on the assets in play',
        { details: { variable: i, others: [...free] } },
      );
    }
    this.pos[i] = free.length;
    free.push(i);
  }

  private removeFree(i: number): void {
    const k = this.pos[i]!;
    this.chol.remove(k);
    this.free.splice(k, 1);
    this.pos[i] = -1;
    for (let q = k; q < this.free.length; q++) this.pos[this.free[q]!] = q;
  }

  private refreshGradient(): void {
    const { n, p, x, G } = this;
    for (let i = 0; i < n; i++) {
      let s = p.g[i]!;
      const r = i * n;
      for (let j = 0; j < n; j++) {
        const xj = x[j]!;
        if (xj !== 0) s += p.H[r + j]! * xj;
      }
      G[i] = s;
    }
    for (const [j, r] of p.rows.entries()) this.rowVal[j] = dot(r.a, x, n);
  }

  run(): QpSolution {
    const { n, p, x, G, free, chol, varState, rowState, lambda } = this;
    const rows = p.rows;
    const maxIt = p.maxIterations ?? 20 * (n + rows.length) + 200;
    const tolFeas = 1e-11;
    const blandAfter = p.blandAfter ?? 8;
    let degenerate = 0;
    /** Length of the previous step when it was an unblocked full step (the working set's minimizer), else ∞. */
    let fullStep = Infinity;
    this.refreshGradient();
    let it = 0;
    const pF = new Float64Array(n);
    for (; it < maxIt; it++) {
      const nf = free.length;
      const bland = degenerate >= blandAfter;
      // Working rows and their targets.
      const act: number[] = [];
      for (let j = 0; j < rows.length; j++) if (rowState[j] !== 0) act.push(j);
      const k = act.length;
      const Y: Float64Array[] = [];
      const resid = new Float64Array(k);
      for (let q = 0; q < k; q++) {
        const j = act[q]!;
        const r = rows[j]!;
        const y = new Float64Array(nf);
        for (let f = 0; f < nf; f++) y[f] = r.a[free[f]!]!;
        chol.forward(y);
        Y.push(y);
        resid[q] = (rowState[j] === -1 ? r.lo : r.hi) - this.rowVal[j]!;
      }
      const yg = new Float64Array(nf);
      for (let f = 0; f < nf; f++) yg[f] = G[free[f]!]!;
      chol.forward(yg);
      // S λ = -(resid + Yᵀ yg), with dependent rows skipped (λ = 0).
      const lam = solveSchur(Y, yg, resid, nf);
      lambda.fill(0);
      for (let q = 0; q < k; q++) lambda[act[q]!] = lam[q]!;
      // p_F = -L⁻ᵀ(yg + Y λ)
      const v = pF.subarray(0, nf);
      for (let f = 0; f < nf; f++) {
        let s = yg[f]!;
        for (let q = 0; q < k; q++) s += Y[q]![f]! * lam[q]!;
        v[f] = -s;
      }
      chol.backward(v);
      let pnorm = 0;
      for (let f = 0; f < nf; f++) pnorm = Math.max(pnorm, Math.abs(v[f]!));
      let xnorm = 1;
      for (let f = 0; f < nf; f++) xnorm = Math.max(xnorm, Math.abs(x[free[f]!]!));

      // p carries rounding of order ε·|G|/|H| (cancellation in -H⁻¹(G + Aᵀλ)): below that it is zero.
      // Right after a full step p is zero in exact arithmetic: a p that has not shrunk below
      // half of that step is the rounding floor of an ill-conditioned working set, not progress.
      const atFloor = pnorm > 0.5 * fullStep;
      fullStep = Infinity;
      if (atFloor || pnorm <= 1e-14 * xnorm * Math.max(1, this.gradScale() / this.hScale)) {
        // Stationary on the working set: check multiplier signs. Dantzig's rule releases
        // the worst violation; Bland's (when degenerate steps repeat) the lowest index.
        const tolDual = 1e-11 * this.gradScale();
        let worst = 0;
        let worstVar = -1;
        let worstRow = -1;
        for (let i = 0; i < n; i++) {
          if (varState[i] === 0) continue;
          let nu = G[i]!;
          for (let q = 0; q < k; q++) nu += rows[act[q]!]!.a[i]! * lam[q]!;
          const viol = varState[i] === -1 ? -nu : nu;
          if (p.lb[i] === p.ub[i]) continue;
          if (bland && viol > tolDual && worstVar < 0) {
            worst = viol;
            worstVar = i;
            break;
          }
          if (viol > worst) {
            worst = viol;
            worstVar = i;
            worstRow = -1;
          }
        }
        for (let q = 0; q < k; q++) {
          const j = act[q]!;
          if (rowState[j] === 2) continue;
          const viol = rowState[j] === 1 ? -lam[q]! : lam[q]!;
          if (bland && worstVar >= 0) break;
          if (bland && viol > tolDual && worstRow < 0) {
            worst = viol;
            worstRow = j;
            break;
          }
          if (viol > worst) {
            worst = viol;
            worstRow = j;
            worstVar = -1;
          }
        }
        if (worst <= tolDual) return this.finish(it);
        degenerate++; // releasing a constraint does not move x by itself
        if (worstVar >= 0) {
          varState[worstVar] = 0;
          this.addFree(worstVar);
        } else rowState[worstRow] = 0;
        continue;
      }

      // Ratio test. Under Bland's rule a tie goes to the lowest index (variables, then rows).
      // A full step that lands on a bound (to rounding) ties with it and blocks there: the
      // variable is snapped to the bound rather than left free a rounding error away from it
      // (a phase-1 relaxation left at 1e-14 would read as a row that cannot be met).
      let alpha = 1;
      let blockVar = -1;
      let blockRow = -1;
      let blockSide = 0;
      const ratio = (bound: number, xi: number, pi: number): number => {
        const a = Math.max(0, (bound - xi) / pi);
        return a > 1 && Math.abs(xi + pi - bound) <= tolFeas * (1 + Math.abs(bound)) ? 1 : a;
      };
      for (let f = 0; f < nf; f++) {
        const i = free[f]!;
        const pi = v[f]!;
        const tie = (a: number) => a === alpha && (blockVar < 0 || (bland && blockVar > i));
        if (pi < 0 && p.lb[i]! > -Infinity) {
          const a = ratio(p.lb[i]!, x[i]!, pi);
          if (a < alpha || tie(a)) [alpha, blockVar, blockRow, blockSide] = [a, i, -1, -1];
        } else if (pi > 0 && p.ub[i]! < Infinity) {
          const a = ratio(p.ub[i]!, x[i]!, pi);
          if (a < alpha || tie(a)) [alpha, blockVar, blockRow, blockSide] = [a, i, -1, 1];
        }
      }
      const ap = new Float64Array(rows.length);
      for (let j = 0; j < rows.length; j++) {
        const a = rows[j]!.a;
        let s = 0;
        for (let f = 0; f < nf; f++) s += a[free[f]!]! * v[f]!;
        ap[j] = s;
        if (rowState[j] !== 0) continue;
        const r = rows[j]!;
        const tol = tolFeas * (1 + Math.abs(this.rowVal[j]!));
        if (s > 1e-14 && r.hi < Infinity) {
          const a2 = Math.max(0, (r.hi - this.rowVal[j]! + tol * 0) / s);
          if (a2 < alpha) [alpha, blockVar, blockRow, blockSide] = [a2, -1, j, 1];
        } else if (s < -1e-14 && r.lo > -Infinity) {
          const a2 = Math.max(0, (r.lo - this.rowVal[j]!) / s);
          if (a2 < alpha) [alpha, blockVar, blockRow, blockSide] = [a2, -1, j, -1];
        }
      }
      // Step.
      degenerate = alpha > 0 ? 0 : degenerate + 1;
      if (alpha > 0) {
        for (let f = 0; f < nf; f++) {
          const i = free[f]!;
          x[i] = x[i]! + alpha * v[f]!;
        }
        for (let i = 0; i < n; i++) {
          let s = 0;
          const r = i * n;
          for (let f = 0; f < nf; f++) s += p.H[r + free[f]!]! * v[f]!;
          G[i] = G[i]! + alpha * s;
        }
        for (let j = 0; j < rows.length; j++) this.rowVal[j] = this.rowVal[j]! + alpha * ap[j]!;
      }
      if (blockVar >= 0) {
        // Snap to the bound and carry the (rounding-sized) move into G and the row values:
        // O(n), where a full refresh would cost O(n²) on every bound hit.
        const target = blockSide === -1 ? p.lb[blockVar]! : p.ub[blockVar]!;
        const dx = target - x[blockVar]!;
        x[blockVar] = target;
        if (dx !== 0) {
          for (let i = 0; i < n; i++) G[i] = G[i]! + p.H[i * n + blockVar]! * dx;
          for (let j = 0; j < rows.length; j++) this.rowVal[j] = this.rowVal[j]! + rows[j]!.a[blockVar]! * dx;
        }
        varState[blockVar] = blockSide;
        this.removeFree(blockVar);
      } else if (blockRow >= 0) {
        rowState[blockRow] = blockSide;
      }
      if (alpha === 1 && blockVar < 0 && blockRow < 0) fullStep = pnorm;
      if (it % 50 === 49) this.refreshGradient();
    }
    throw new WealthDeskError('WD_ERR_SOLVER', `Active-set solver stopped after ${it} iterations without converging`);
  }

  private get hScale(): number {
    let s = 0;
    for (let i = 0; i < this.n; i++) s = Math.max(s, Math.abs(this.p.H[i * this.n + i]!));
    return s || 1;
  }

  private gradScale(): number {
    let s = 1;
    for (let i = 0; i < this.n; i++) s = Math.max(s, Math.abs(this.G[i]!));
    return s;
  }

  private finish(iterations: number): QpSolution {
    const { n, p, x, G, lambda } = this;
    this.refreshGradient();
    const nu = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (this.varState[i] === 0) continue;
      let s = G[i]!;
      for (const [j, r] of p.rows.entries()) if (lambda[j] !== 0) s += r.a[i]! * lambda[j]!;
      nu[i] = s;
    }
    let obj = 0;
    for (let i = 0; i < n; i++) obj += x[i]! * (0.5 * (G[i]! - p.g[i]!) + p.g[i]!);
    return {
      x: Float64Array.from(x),
      rowMultipliers: Float64Array.from(lambda),
      boundMultipliers: nu,
      varState: Int8Array.from(this.varState),
      rowState: Int8Array.from(this.rowState),
      objective: obj,
      iterations,
    };
  }
}

/**
 * Solves (YᵀY) λ = -(resid + Yᵀ yg) by Gaussian elimination with complete pivoting,
 * dropping directions whose pivot is negligible (rows dependent on the others over the
 * free variables: their multiplier is 0 and the step satisfies them automatically).
 */
function solveSchur(Y: Float64Array[], yg: Float64Array, resid: Float64Array, nf: number): Float64Array {
  const k = Y.length;
  const lam = new Float64Array(k);
  if (k === 0) return lam;
  const S: number[][] = [];
  const b: number[] = [];
  for (let a = 0; a < k; a++) {
    S.push(new Array<number>(k).fill(0));
    let s = resid[a]!;
    for (let f = 0; f < nf; f++) s += Y[a]![f]! * yg[f]!;
    b.push(-s);
  }
  for (let a = 0; a < k; a++) {
    for (let c = a; c < k; c++) {
      let s = 0;
      for (let f = 0; f < nf; f++) s += Y[a]![f]! * Y[c]![f]!;
      S[a]![c] = s;
      S[c]![a] = s;
    }
  }
  const idx = Array.from({ length: k }, (_, i) => i);
  const used: number[] = [];
  const M = S.map((r) => r.slice());
  const rhs = b.slice();
  const remaining = new Set(idx);
  const order: number[] = [];
  while (remaining.size > 0) {
    // Pivot on the largest diagonal relative to the row's own YᵀY (i.e. complete pivoting on
    // the equilibrated matrix D^-½SD^-½): a row is dependent when elimination leaves a
    // negligible fraction of its own norm, however large other rows are (a turnover row
    // sees the near-singular u_i + v_i direction and can be 1e10 times larger).
    let best = -1;
    let bv = 0;
    for (const r of remaining) {
      const rel = S[r]![r]! > 0 ? Math.abs(M[r]![r]!) / S[r]![r]! : 0;
      if (rel > bv) [bv, best] = [rel, r];
    }
    if (best < 0 || bv <= 1e-12) break;
    remaining.delete(best);
    order.push(best);
    for (const r of remaining) {
      const f = M[r]![best]! / M[best]![best]!;
      if (f === 0) continue;
      for (let c = 0; c < k; c++) M[r]![c] = M[r]![c]! - f * M[best]![c]!;
      rhs[r] = rhs[r]! - f * rhs[best]!;
    }
    used.push(best);
  }
  for (let q = order.length - 1; q >= 0; q--) {
    const r = order[q]!;
    let s = rhs[r]!;
    for (let t = q + 1; t < order.length; t++) s -= M[r]![order[t]!]! * lam[order[t]!]!;
    lam[r] = s / M[r]![r]!;
  }
  return lam;
}
