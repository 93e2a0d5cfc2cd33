import { describe, expect, it } from 'vitest';
import { labelText, plainText } from '../../../utils/whatsapp/text';
import { parsePage } from './dom';

/** The first element of `html` placed in a page (parsed, never run). */
function el(html: string): Element {
  return parsePage(`<!doctype html><body>${html}</body>`).body.firstElementChild!;
}

describe('plainText', () => {
  it.each([
    [
      'plain text in nested spans',
      '<span><span dir="ltr">Budget agreed</span> at £4,200</span>',
      'Budget agreed at £4,200',
    ],
    [
      'an emoji image as its character',
      '<span>Good <img class="emoji" alt="👍" src="x"> work</span>',
      'Good 👍 work',
    ],
    [
      'an inline image without alt, by data-plain-text',
      '<span>a <img data-plain-text="🙂"> b</span>',
      'a 🙂 b',
    ],
    ['a line break as a newline', '<span>Line one<br>Line two</span>', 'Line one\nLine two'],
    [
      'a link as its text',
      '<span>See <a href="https://example.org">example.org</a></span>',
      'See example.org',
    ],
    [
      'an icon (svg and its title) left out',
      '<span>Sent<span data-icon="msg-check"><svg><title>msg-check</title></svg></span></span>',
      'Sent',
    ],
    ['a button left out', '<span>Text<button>Forward</button></span>', 'Text'],
    [
      '"Read more" left out',
      '<span>Long text… <span class="x read-more-button y">Read more</span></span>',
      'Long text… ',
    ],
    [
      'markup-looking text kept as text',
      '<span>&lt;img src=x onerror=alert(1)&gt;</span>',
      '<img src=x onerror=alert(1)>',
    ],
    [
      'something special deep down',
      '<span><span><span>deep<br>down</span></span></span>',
      'deep\ndown',
    ],
    ['comments ignored', '<span>a<!-- hidden -->b</span>', 'ab'],
    ['no children', '<span></span>', ''],
  ])('%s', (_name, html, expected) => {
    expect(plainText(el(html))).toBe(expected);
  });

  it('keeps zero-width and direction characters exactly', () => {
    const text = 'a\u200bb\u202ec\u2066d';
    const span = el('<span></span>');
    span.textContent = text;
    expect(plainText(span)).toBe(text);
  });
});

describe('labelText', () => {
  it('collapses and trims whitespace', () => {
    expect(
      labelText(
        el('<span>  Alice \n  Brown <span data-icon="x"><svg><title>t</title></svg></span></span>'),
      ),
    ).toBe('Alice Brown');
    expect(labelText(null)).toBe('');
  });
});
