// Basic accessibility checks of what the page shows now (docs/web-page.md#accessibility), returned as one line per
// problem ("" when none): every visible form control has a label, every button and link a name, every image an alt
// attribute, and every visible text a contrast of at least 4.5:1 with what is behind it (WCAG 2 AA, normal text).
const problems = [];
const visible = (e) => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length)
  && getComputedStyle(e).visibility !== 'hidden';
const name = (e) => (e.getAttribute('aria-label') || e.textContent || '').trim();
const where = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).split(' ').join('.') : '');

for (const control of document.querySelectorAll('input, textarea, select')) {
  if (control.type === 'hidden' || (control.type === 'file' && control.hidden)) {
    continue;
  }
  if (!control.labels.length && !control.getAttribute('aria-label') && !control.getAttribute('aria-labelledby')) {
    problems.push('no label: ' + where(control));
  }
}
for (const e of document.querySelectorAll('button, a[href]')) {
  if (visible(e) && !name(e)) {
    problems.push('no accessible name: ' + where(e));
  }
}
for (const img of document.querySelectorAll('img')) {
  if (!img.hasAttribute('alt')) {
    problems.push('no alt: ' + where(img));
  }
}

function rgba(color) {
  const m = color.match(/rgba?\(([^)]+)\)/);
  if (!m) {
    return [0, 0, 0, 0];
  }
  const parts = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
  return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
}
function luminance([r, g, b]) {
  const c = [r, g, b].map((v) => {
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  });
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}
function background(e) {
  for (let n = e; n; n = n.parentElement) {
    const c = rgba(getComputedStyle(n).backgroundColor);
    if (c[3] > 0.5) {
      return c;
    }
  }
  return [255, 255, 255, 1];
}
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const checked = new Set();
for (let t = walker.nextNode(); t; t = walker.nextNode()) {
  const e = t.parentElement;
  if (!t.data.trim() || checked.has(e) || !visible(e) || e.closest('.visually-hidden, [hidden]')) {
    continue;
  }
  checked.add(e);
  const style = getComputedStyle(e);
  const fg = rgba(style.color);
  const opacity = e.closest('button:disabled') ? 0.6 : 1;
  const bg = background(e);
  // a disabled button's faded text is exempt from the contrast rule (WCAG 1.4.3, inactive components)
  if (opacity < 1) {
    continue;
  }
  const l1 = luminance(fg);
  const l2 = luminance(bg);
  const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
  if (ratio < 4.5) {
    problems.push('contrast ' + ratio.toFixed(2) + ' of "' + t.data.trim().slice(0, 30) + '" in ' + where(e));
  }
}
return problems.join('\n');
