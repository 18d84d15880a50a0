import { toBase64Url } from '~lib/url/state.ts';
import { expect, test } from './guard.ts';
import { readyWidget } from './widget-values.ts';

/** The link code of a state (as ShareButton copies it). */
const code = (state: Record<string, unknown>) => toBase64Url(JSON.stringify(state));

test('an embed link with view "weights" opens the LSTM on its Weights tab; the core and the other panels are hidden', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`/embed/lstm-cell/?present#w-lstm-cell=${code({ view: 'weights' })}`);
  const root = await readyWidget(page, 'lstm-cell');
  const tabs = root.getByRole('tablist', { name: 'Views' });
  await expect(tabs.getByRole('tab')).toHaveText(['Step', 'Whole sequence', 'Weights', 'Scratchpad']);
  await expect(tabs.getByRole('tab', { name: 'Weights' })).toHaveAttribute('aria-selected', 'true');
  await expect(root.getByRole('tabpanel', { name: 'Weights' })).toBeVisible();
  await expect(root.locator('[role="tabpanel"]:visible')).toHaveCount(1);
  await expect(root.locator('.counter')).toBeHidden();
  // A view the widget does not have: its core, with a message naming the view. A fresh load through about:blank:
  // a new hash alone does not reload, and reloading after it raced the widget writing its own state (view
  // 'weights') back into the hash (the test passed only on retry in the 23:29 CI run).
  await page.goto('about:blank');
  await page.goto(`/embed/lstm-cell/?present#w-lstm-cell=${code({ view: 'nope' })}`);
  const again = await readyWidget(page, 'lstm-cell');
  await expect(again.getByRole('tab', { name: 'Step' })).toHaveAttribute('aria-selected', 'true');
  await expect(again.locator('.counter')).toBeVisible();
  await expect(again.locator('.messages')).toContainText('“nope” is not a view of this widget');
});

test('view tabs work by keyboard (← → Home End, one tab stop), write the link, and a chapter page shows every view with no tabs', async ({
  page,
}) => {
  await page.goto('/embed/lstm-cell/?present');
  const root = await readyWidget(page, 'lstm-cell');
  const step = root.getByRole('tab', { name: 'Step' });
  await expect(step).toHaveAttribute('tabindex', '0');
  await expect(root.getByRole('tab', { name: 'Weights' })).toHaveAttribute('tabindex', '-1');
  await step.focus();
  await page.keyboard.press('ArrowRight');
  const sequence = root.getByRole('tab', { name: 'Whole sequence' });
  await expect(sequence).toBeFocused();
  await expect(sequence).toHaveAttribute('aria-selected', 'true');
  await expect(root.getByRole('tabpanel', { name: 'Whole sequence' })).toBeVisible();
  // ← → on the tabs move between tabs and do not step the formulas.
  await page.keyboard.press('End');
  await expect(root.getByRole('tab', { name: 'Scratchpad' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(step).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(root.getByRole('tab', { name: 'Weights' })).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#w-lstm-cell=${code({ view: 'weights' })}`);
  await page.keyboard.press('Home');
  await expect(step).toHaveAttribute('aria-selected', 'true');
  await expect(root.locator('.counter')).toHaveText(/^step 1 of/);
  await expect.poll(() => page.evaluate(() => location.hash)).toBe('');

  await page.goto('/lstm/');
  const chapter = await readyWidget(page, 'lstm-cell');
  await expect(chapter.getByRole('tablist')).toHaveCount(0);
  await expect(chapter.getByRole('tabpanel')).toHaveCount(0);
  await expect(chapter.getByRole('heading', { name: 'Weights' })).toBeVisible();
});

test('Share → Copy embed code round trip keeps the chosen view, and <stepwise-widget state> takes it too', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/embed/multi-head/?present');
  const root = await readyWidget(page, 'multi-head');
  await root.getByRole('tab', { name: 'Mixing the heads' }).click();
  await root.getByRole('button', { name: /Share/ }).click();
  await page.getByRole('menuitem', { name: 'Copy embed code (iframe)' }).click();
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  const src = /src="([^"]+)"/.exec(snippet)?.[1] ?? '';
  expect(src).toContain(`#w-multi-head=${code({ view: 'output' })}`);
  await page.goto(src);
  const embedded = await readyWidget(page, 'multi-head');
  await expect(embedded.getByRole('tab', { name: 'Mixing the heads' })).toHaveAttribute('aria-selected', 'true');
  await expect(embedded.getByRole('tabpanel', { name: 'Mixing the heads' })).toBeVisible();

  await page.goto('/examples/custom-element.html');
  await page.evaluate(
    (state) => {
      const el = document.createElement('stepwise-widget');
      el.id = 'viewed';
      el.setAttribute('name', 'lstm-cell');
      el.setAttribute('state', state);
      el.setAttribute('present', '');
      el.style.height = '600px';
      document.querySelector('main')?.append(el);
    },
    code({ view: 'scratchpad' }),
  );
  const element = page.locator('#viewed [data-widget="lstm-cell"][data-ready]');
  await element.waitFor();
  await expect(element.getByRole('tab', { name: 'Scratchpad' })).toHaveAttribute('aria-selected', 'true');
  await expect(element.locator('.counter')).toBeHidden();
  // setState (what a postMessage `set` does in an iframe) validates the view like any field and switches to it.
  expect(
    await page.evaluate(() =>
      (document.getElementById('viewed') as HTMLElement & { setState(s: unknown): boolean }).setState({
        view: 'weights',
      }),
    ),
  ).toBe(true);
  await expect(page.locator('#viewed [data-widget="lstm-cell"]').getByRole('tab', { name: 'Weights' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
});
