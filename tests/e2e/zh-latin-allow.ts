/**
 * The Latin words a Chinese page may show outside formulas, code and marked English (issue 23; the check is
 * zh-latin.ts), each group with its reason. Reviewed: a word joins only when translating it would be wrong.
 * Prefer the markup over this list: lang="en"/"fr" on a reference, a title or an example sentence, translate="no"
 * on a symbol, backticks on code.
 */

/** People the prose and widgets name (authors of the methods, cited as 姓 + 等 in the Chinese text). */
const people = [
  'Astudillo',
  'Ba',
  'Bahdanau',
  'Bengio',
  'Cho',
  'Cummins',
  'Elman',
  'Gehring',
  'Gers',
  'Gimpel',
  'Hadamard',
  'He',
  'Hendrycks',
  'Hinton',
  'Hochreiter',
  'Holtzman',
  'Jordan',
  'Kiros',
  'Luong',
  'Manning',
  'Mao',
  'Martins',
  'Pascanu',
  'Pham',
  'Schmidhuber',
  'Shaw',
  'Su',
  // Quoc V. Le, of Sutskever, Vinyals and Le (2014): the seq2seq exercise on reversing the source.
  'Le',
  'Sutskever',
  'Vaswani',
  'Vinyals',
  'Williams',
  'Wu',
  'Xiong',
  'Xu',
  'Zipser',
];

/** Software, formats, hardware, standards and units, spelt as their makers spell them (Chinese texts do too). */
const products = [
  'AMD',
  'ANGLE',
  'Adam',
  'BERT',
  'COEP',
  'COOP',
  'CPU',
  'CSS',
  'Chromium',
  'DOM',
  'EPYC',
  'GPU',
  'HTML',
  'JS',
  'JSON',
  'JavaScript',
  'KB',
  'KaTeX',
  'Keras',
  'MB',
  'MDN',
  'Markdown',
  'NaN',
  'Node', // Node.js, where the engine's training is timed beside the browser
  'Observable',
  'Plot',
  'PyTorch',
  'Python',
  'Quarto',
  'SIMD',
  'Slidev',
  'Stepwise',
  'Svelte',
  'SwiftShader',
  'TeX',
  'TensorFlow',
  'Vulkan',
  'Web',
  'WebAssembly',
  'WebGL',
  'Wi-Fi',
  'Worker',
  'XNNPACK',
  'cpu',
  'cuDNN',
  'gzip',
  'iframe',
  'js',
  'localhost',
  'mathjs',
  'ms',
  'postMessage',
  'px',
  'reveal',
  'serif',
  'tfjs',
  'tfjs-wasm',
  'wasm',
  'webgl',
];

/**
 * Terms Chinese texts keep in Latin letters (动手学深度学习 writes softmax, ReLU, GRU, LSTM, Transformer): model
 * and layer names, the functions of the formulas, sampling rules, and the widget id a teacher types.
 */
const terms = [
  'ABBA',
  'GELU',
  'GRU',
  'LN',
  'LSTM',
  'PE',
  'RNN',
  'ReLU',
  'Transformer',
  'cos',
  'id',
  'local-m',
  'local-p',
  'log',
  'logit',
  'm-RNN',
  'maxout',
  'sigmoid',
  'sin',
  'softmax',
  'sparsemax',
  'tanh',
  'top-k',
  'top-p',
];

/** Keys named in the widgets' keyboard hints, as printed on the keyboard. */
const keys = ['End', 'Enter', 'Home', 'Tab'];

/** Every Latin word allowed anywhere on a Chinese page. */
export const latinAllowed: ReadonlySet<string> = new Set([...people, ...products, ...terms, ...keys]);

/**
 * Words allowed only inside a widget or an exercise about one: data the widgets show identically on both editions (the same numbers need
 * the same tokens and names). The toy translation models' English source and French target words and the
 * self-attention sentence "I saw a saw" (the Chinese prose gives 他用锁锁上了门 beside it); the PyTorch module
 * names of the state_dict line (src/lib/state-dict/bindings.ts); multi-letter matrix names read out in labels
 * (O_cat, P_p, P_{p+k}); and a widget id the recorded performance results name.
 */
export const widgetVocabulary: ReadonlySet<string> = new Set([
  // English source words
  'big',
  'black',
  'car',
  'cat',
  'dog',
  'red',
  'saw',
  'sees',
  'sleeps',
  'small',
  'the',
  // French target words
  'chat',
  'chien',
  'grande',
  'la',
  'le',
  'noir',
  'petit',
  'rouge',
  // the toy decoder of the decoding chapter's exercises (le/un, then chat/chien)
  'un',
  'voit',
  'voiture',
  // PyTorch module names
  'Linear',
  'MultiheadAttention',
  'TransformerEncoderLayer',
  'attention',
  'decoder',
  'encoder',
  'fc',
  'nn',
  'out',
  'rnn',
  // matrix names
  'Ocat',
  'Pp',
  'Ppk',
  // widget ids
  'scale-mode',
]);

/**
 * Phrases removed before the words are collected, each a whole string a Chinese page shows that is not ours to
 * translate: the browser's own version string in the recorded performance results, and the labels reveal.js
 * gives its slide controls (the demo deck; reveal.js has no option for them).
 */
export const latinPhrases: readonly string[] = [
  'built on Debian GNU/Linux',
  '(bookworm)',
  'previous slide',
  'next slide',
  'above slide',
  'below slide',
  'Resume presentation',
];
