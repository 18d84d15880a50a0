// Runs before first paint (loaded blocking in <head>) so the page never
// flashes the wrong theme. The reader's choice wins over the system setting.
(() => {
  const root = document.documentElement;
  const stored = (() => {
    try {
      return localStorage.getItem('stepwise-theme');
    } catch {
      return null;
    }
  })();
  const system = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  root.dataset.theme = stored === 'dark' || stored === 'light' ? stored : system;
  // On phones the chapter list starts folded so the chapter comes first. The browser may paint before
  // DOMContentLoaded, when the menu can be folded for real: until then this class hides the open list
  // (global.css), so the chapter does not jump up under the reader's eyes (it moved by 624 px at 375 px).
  const narrow = matchMedia('(max-width: 50rem)').matches;
  if (narrow) root.classList.add('contents-folding');

  const label = (button) => {
    // The labels come from the message catalog, rendered into the button (BaseLayout.astro).
    const next = root.dataset.theme === 'dark' ? 'light' : 'dark';
    button.setAttribute('aria-label', button.dataset[next === 'dark' ? 'labelDark' : 'labelLight'] ?? '');
    button.setAttribute('aria-pressed', String(root.dataset.theme === 'dark'));
  };
  document.addEventListener('DOMContentLoaded', () => {
    if (narrow) {
      for (const menu of document.querySelectorAll('.contents-menu')) menu.removeAttribute('open');
      root.classList.remove('contents-folding');
    }
    for (const button of document.querySelectorAll('[data-theme-toggle]')) {
      label(button);
      button.addEventListener('click', () => {
        root.dataset.theme = root.dataset.theme === 'dark' ? 'light' : 'dark';
        try {
          localStorage.setItem('stepwise-theme', root.dataset.theme);
        } catch {
          // Private mode: the choice lasts for this page only.
        }
        label(button);
        document.dispatchEvent(new CustomEvent('stepwise:theme', { detail: root.dataset.theme }));
      });
    }
  });
})();
