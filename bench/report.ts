/** The Markdown summary of one results file (bench/results/<date>.md). */

// biome-ignore lint/suspicious/noExplicitAny: the results JSON is written by run.ts in the same process.
type Any = any;

const f = (v: number | null | undefined, unit = '') => (v === null || v === undefined ? '–' : `${v}${unit}`);
const kb = (b: number) => `${(b / 1024).toFixed(1)}`;

export function writeMarkdown(r: Any): string {
  const m = r.machine;
  const env = r.engine?.environment;
  const out: string[] = [];
  out.push(`# Stepwise benchmark, ${r.date.slice(0, 10)}`, '');
  out.push(
    `Command: \`${r.command}\` (${r.settings.reps} repetitions × ${r.settings.launches} browser launches, implementations interleaved ABBA, seeded inputs; ${r.durationS} s).`,
    '',
  );
  out.push(`- CPU: ${m.cpuModel} (${m.cores} cores), ${m.memoryGB} GB; load ${m.uptimeStart} → ${m.uptimeEnd}`);
  // A merged file: say where each section was measured, and under what load.
  for (const [what, run] of [
    ['Engine workloads', r.engineRun],
    ['Page weight and latency', r.siteRun],
    ['Latency', r.latencyRun],
  ] as const) {
    if (run)
      out.push(
        `- ${what}: from the run of ${run.date}${run.durationS ? ` (${run.durationS} s)` : ''}; load ${run.machine?.uptimeStart ?? '?'} → ${run.machine?.uptimeEnd ?? '?'}`,
      );
  }
  for (const again of r.engineRemeasured ?? [])
    out.push(
      `- Re-measured in the run of ${again.date} (${again.settings.reps} reps × ${again.settings.launches} launches; load ${again.machine?.uptimeStart ?? '?'}): ${again.workloads.join(', ')}`,
    );
  out.push(
    `- Browser: ${m.chromium}, headless${env ? `; cross-origin isolated: ${env.crossOriginIsolated}, timer resolution ${env.timerResolutionMs} ms` : ''}`,
  );
  if (env) {
    out.push(
      `- WebGL2: **software (SwiftShader, no GPU on this machine)**: \`${env.stepwiseWebgl2.renderer ?? env.stepwiseWebgl2.failure}\``,
    );
    out.push(`- TensorFlow.js ${env.tfjs.version} (wasm ${env.tfjs.wasmFeatures})`);
  }
  out.push('');
  if (r.engine) {
    out.push('## Engine workloads (ms per call incl. readback; median / p90)', '');
    out.push(
      'Ratio = Stepwise ÷ fastest TensorFlow.js backend on the same workload (< 1: Stepwise faster). WebGL2 numbers are software-emulated (SwiftShader).',
      '',
    );
    out.push(
      '| workload | Stepwise CPU | Stepwise WebGL2* | tfjs cpu | tfjs wasm | tfjs webgl* | mathjs | best tfjs | ratio CPU | ratio WebGL2* | chain ratio | max err |',
    );
    out.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const w of r.engine.workloads) {
      const cell = (name: string) => {
        const i = w.impls.find((x: Any) => x.impl === name);
        return i ? `${i.stepMedian} / ${i.stepP90}` : '–';
      };
      const errs = w.impls
        .filter((i: Any) => i.impl.startsWith('stepwise') && i.maxErr !== null)
        .map((i: Any) => i.maxErr);
      out.push(
        `| ${w.workload} | ${cell('stepwise-cpu')} | ${cell('stepwise-webgl2')} | ${cell('tfjs-cpu')} | ${cell('tfjs-wasm')} | ${cell('tfjs-webgl')} | ${cell('mathjs')} | ${f(w.bestTfjs)} | ${f(w.ratioCpu)} | ${f(w.ratioWebgl2)} | ${f(w.ratioChainBest)} | ${errs.length ? Math.max(...errs).toExponential(1) : '–'} |`,
      );
    }
    out.push('', '### Cold first call, chained steps and shape change (Stepwise)', '');
    out.push('| workload | impl | cold ms (compiles) | chain median ms | shape +1 first call ms (compiles) |');
    out.push('| --- | --- | --- | --- | --- |');
    for (const w of r.engine.workloads)
      for (const i of w.impls.filter((x: Any) => x.impl.startsWith('stepwise')))
        out.push(
          `| ${w.workload} | ${i.impl} | ${i.coldMs}${i.coldCompiles !== null ? ` (${i.coldCompiles})` : ''} | ${f(i.chainMedian)} | ${f(i.shapeChangeMs)}${i.shapeChangeCompiles !== null ? ` (${i.shapeChangeCompiles})` : ''} |`,
        );
    if (r.engine.trainingRace) out.push('', ...raceTable(r.engine.trainingRace));
    out.push('');
  }
  if (r.site) {
    out.push('## Page weight and start-up (gzip -6)', '');
    out.push(
      'Ready times from navigation start (median of the cold loads); "after load" from the load event\'s end (issue 16: ≤ 500 ms). initial = the static imports hydration needs; before ready = every JS file whose fetch started before the last widget was ready (the moment its data-ready appeared; on a page with no widget in its document, such as a deck whose first slide has none, before the load event; issue 16: ≤ 150 KB); all loaded = everything fetched once idle (KaTeX, which re-typesets formulas after an edit, and Observable Plot, which redraws the charts the build drew, load after the widgets are ready).',
      '',
    );
    out.push(
      '| page | widgets | initial JS KB | JS before ready KB | all JS loaded KB | CSS KB | first widget ready ms | all ready ms | all ready after load ms | cold loads |',
    );
    out.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const w of r.site.weights)
      out.push(
        `| ${w.page} | ${w.widgets} | ${kb(w.initialJs)} | ${w.readyJs === undefined ? '–' : kb(w.readyJs)} | ${kb(w.loadedJs)} | ${kb(w.css)} | ${f(w.firstReadyMs?.toFixed(0))} | ${f(w.allReadyMs?.toFixed(0))} | ${f(w.readyAfterLoadMs?.toFixed(0))} | ${w.coldLoads ?? 1} |`,
      );
    out.push('', '## Interaction latency (ms, 50 events per widget)', '');
    out.push(
      'work = input → handlers, update and layout done; paint = input → next frame after the update (random phase within the frame, chosen once the page is quiet: two frames in a row under 4 ms of main-thread time); all drawn = input → the end of the last busy frame before the page went quiet (what a widget draws a frame after its numbers, such as a chart, included). The bare range input (a plain `<input>` whose handler writes one number, measured first and last in the same run) is the floor: no widget can paint sooner than the browser paints a bare control.',
      '',
    );
    out.push(
      'longest task = the longest main-thread task the Long Tasks API reported while the events ran (0: none reached 50 ms; issue 16: none over 50 ms while dragging a slider or editing a weight).',
      '',
    );
    out.push(
      r.site.paintFlags
        ? `Pages painted as Chromium paints them without a usable GPU (\`${r.site.paintFlags.join(' ')}\`: raster and compositing on the CPU, WebGL2 on SwiftShader; tests/chromium.ts says why).`
        : 'Pages rasterised through SwiftShader (the run predates the CPU-paint configuration, 2026-12-06 afternoon).',
      '',
    );
    out.push(
      '| page | widget | control | work p50 | work p95 | paint p50 | paint p95 | all drawn p95 | longest task |',
    );
    out.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const l of r.site.latency)
      out.push(
        `| ${l.page} | ${l.widget} | ${l.error ? `not measured: ${l.error}` : l.control} | ${f(l.workP50)} | ${f(l.workP95)} | ${f(l.paintP50)} | ${f(l.paintP95)} | ${f(l.drawnP95)} | ${f(l.longestTaskMs)} |`,
      );
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

/**
 * The training race as a table: each contender's steps and seconds to 95%, the load average (1, 5, 15 min)
 * before and after its run, and its time over Stepwise's slowest run (Stepwise runs first and last: the
 * slower of the two is the ratio's denominator, so the ratio does not flatter Stepwise).
 */
function raceTable(race: Any[]): string[] {
  const stepwise = race.filter((x) => x.contender === 'stepwise-cpu' && !x.error).map((x) => x.trainMs);
  const slowest = stepwise.length ? Math.max(...stepwise) : null;
  const out = [
    '### Training race: 8-digit reversal to 95% exact sequences',
    '',
    'The lab model (embed 16, GRU 16 per direction, decoder 32, Bahdanau; batch 32, Adam lr 0.01, clip 5, seed 1), trained by Stepwise and by its TensorFlow.js twin (`tests/reference/tfjs-seq2seq`) from the same weights on the same batches, one after the other in one page; probed every 25 steps on 100 fresh examples (probes not counted in the training time). tfjs webgl runs on SwiftShader (no GPU).',
    '',
    '| contender | reached 95% | at step | training s | with probes s | first → last loss | load before → after | time ÷ slowest Stepwise |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const x of race) {
    const load = `${x.loadBefore.join(' ')} → ${x.loadAfter.join(' ')}`;
    if (x.error) out.push(`| ${x.contender} | failed: ${x.error} | – | – | – | – | ${load} | – |`);
    else
      out.push(
        `| ${x.contender} | ${x.reached ? `yes (${(100 * x.accuracy).toFixed(0)}%)` : `no (${(100 * x.accuracy).toFixed(0)}%)`} | ${x.step} | ${(x.trainMs / 1000).toFixed(2)} | ${(x.wallMs / 1000).toFixed(2)} | ${x.firstLoss.toFixed(4)} → ${x.lastLoss.toFixed(4)} | ${load} | ${slowest ? (x.trainMs / slowest).toFixed(2) : '–'} |`,
      );
  }
  return out;
}
