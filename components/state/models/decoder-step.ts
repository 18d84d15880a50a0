import * as v from 'valibot';
import { field } from '~lib/url/state.ts';

/** The link fields of the decoder-step widget: the reader's input, which output is scored, the step shown. */
export const decoderStepFields = {
  in: field(v.pipe(v.string(), v.maxLength(160)), ''),
  score: field(v.picklist(['model', 'teacher']), 'model'),
  at: field(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(60)), 0),
};
