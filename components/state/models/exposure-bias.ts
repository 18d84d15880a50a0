import * as v from 'valibot';
import { field } from '~lib/url/state.ts';

/** The link fields of the exposure-bias widget: the reader's input and the forced prefix. */
export const exposureBiasFields = {
  in: field(v.pipe(v.string(), v.maxLength(160)), ''),
  /** The forced prefix as French words separated by spaces ('' = free running from the start). */
  pre: field(v.pipe(v.string(), v.maxLength(400)), ''),
};
