import { expect, test } from './guard.ts';
import { latinReport, latinWords } from './zh-latin.ts';

/**
 * The Latin-letter check of the Chinese pages (zh-latin.ts; run on every /zh/ page by pages.spec.ts) on a page
 * written here, so it is seen to fail: an English word is reported, inside a widget and in a label alike, while
 * formulas, code, marked English, glosses, quoted mentions, symbols and allowed names pass.
 */
test('latinWords reports English UI text on a Chinese page and passes what the convention allows', async ({ page }) => {
  await page.setContent(`<!doctype html><html lang="zh-CN"><body>
    <p>隐状态（hidden state）在 RNN 中由 softmax 算出；句子“I saw a saw”；符号 h̃、x_t、W1、1-of-N。</p>
    <p><span class="katex">\\tanh(Wx)</span> <code>nn.GRU</code> <span lang="en">Attention is all you need</span></p>
    <section data-widget="demo"><span>the red car</span><button aria-label="Reset the widget">重置</button></section>
    <p>Step 3 的数值</p>
    <details><summary>答案</summary><p>Show me</p></details>
    <p hidden>Hidden English</p>
  </body></html>`);
  expect(latinReport(await latinWords(page))).toEqual([
    'Step ×1 (p: “Step 3 的数值”)',
    'Show ×1 (p: “Show me”)',
    'me ×1 (p: “Show me”)',
    'Reset ×1 (widget demo: “Reset the widget”)',
    'widget ×1 (widget demo: “Reset the widget”)',
  ]);
});
