/**
 * Loading a weights file into the lab: which task it fits, the settings
 * that describe it, and a trainer holding its weights. Everything is
 * checked before anything is built, so a bad file changes nothing.
 */
import {
  importSeq2Seq,
  type Seq2SeqConfig,
  StateDictError,
  Trainer,
  type TrainerConfig,
  taskByName,
} from '~engine/index.ts';
import { type ModelExtras, trainerConfig } from './config.ts';
import { type LabSettings, labTasks } from './protocol.ts';

/** Picks the lab task a weights file was made for: its meta says, else the current task or any with its vocabularies. */
function taskForFile(config: Seq2SeqConfig, meta: Record<string, unknown>, current: LabSettings['task']) {
  const fits = (name: LabSettings['task']) => {
    const t = taskByName(name);
    return t.source.size === config.sourceVocab && t.target.size === config.targetVocab;
  };
  const named = (meta.trainer as { task?: unknown } | undefined)?.task;
  const fromMeta = labTasks.find((t) => t === named);
  if (fromMeta !== undefined && fits(fromMeta)) return fromMeta;
  if (fits(current)) return current;
  const any = labTasks.find(fits);
  if (any === undefined) {
    throw new StateDictError(
      `its vocabularies (${config.sourceVocab} source, ${config.targetVocab} target tokens) fit none of the lab's tasks`,
    );
  }
  return any;
}

/** The settings that describe an imported model (training options from its meta when they are valid). */
function settingsForFile(current: LabSettings, config: Seq2SeqConfig, meta: Record<string, unknown>): LabSettings {
  const task = taskForFile(config, meta, current.task);
  const trainer = (meta.trainer ?? {}) as Partial<TrainerConfig>;
  const sizes = trainer.sizes;
  const [minLen, maxLen] =
    typeof sizes === 'number' ? [sizes, sizes] : Array.isArray(sizes) ? sizes : [current.minLen, current.maxLen];
  const okLen = (n: unknown) => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 16;
  const lr = trainer.optimizer?.lr;
  const batch = trainer.batchSize;
  const seed = trainer.seed;
  const okInt = (n: unknown, hi: number) => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= hi;
  return {
    ...current,
    task,
    attention: config.attention,
    embed: config.embed,
    hidden: config.hidden,
    minLen: okLen(minLen) ? (minLen as number) : current.minLen,
    maxLen: okLen(maxLen) ? (maxLen as number) : current.maxLen,
    lr: typeof lr === 'number' && lr >= 1e-5 && lr <= 1 ? lr : current.lr,
    batch: okInt(batch, 128) && (batch as number) >= 1 ? (batch as number) : current.batch,
    seed: okInt(seed, 1_000_000) ? (seed as number) : current.seed,
    compare: false,
    stopAt: 0,
  };
}

/** Parses and checks a weights file and builds a trainer holding its weights; throws before anything changes. */
export function prepareImport(text: string, current: LabSettings) {
  const { model, meta } = importSeq2Seq(text);
  const c = model.config;
  if (c.embed > 64 || c.hidden > 64) {
    throw new StateDictError(`its sizes (embed ${c.embed}, hidden ${c.hidden}) exceed the lab's limit of 64`);
  }
  const settings = settingsForFile(current, c, meta);
  const extras: ModelExtras = { encoder: c.encoder };
  if (c.gruVariant !== undefined) extras.gruVariant = c.gruVariant;
  if (c.decoderHidden !== undefined) extras.decoderHidden = c.decoderHidden;
  if (c.attentionSize !== undefined) extras.attentionSize = c.attentionSize;
  const trainer = new Trainer(trainerConfig(settings, settings.attention, extras));
  const params = Object.fromEntries(
    Object.entries(model.params).map(([name, t]) => [name, { shape: [...t.shape], values: t.values() }]),
  );
  trainer.restore({ ...trainer.snapshot(), params });
  return { settings, extras, trainer, meta };
}
