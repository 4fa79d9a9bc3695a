import assert from "node:assert/strict";
import test from "node:test";
import { dedent, escapeHtml, inline, renderMarkdown } from "../../engine/docs/markdown.ts";

test("descriptions render as paragraphs, lists, quotes and code, dedented", () => {
  const html = renderMarkdown("  First line\n  wraps here.\n\n  - one `a<b>`\n  - two\n    - nested\n  1. step\n\n  > note\n\n  ```yaml\n  kind: Pod\n    name: x\n  ```");
  assert.equal(
    html,
    [
      "<p>First line wraps here.</p>",
      "<ul><li>one <code>a&lt;b&gt;</code></li><li>two<ul><li>nested</li></ul></li></ul>",
      "<ol><li>step</li></ol>",
      "<blockquote><p>note</p></blockquote>",
      '<pre class="code" data-lang="yaml"><code>kind: Pod\n  name: x</code></pre>',
    ].join("\n"),
  );
});

test("Chinese lines join without a space, English ones with one", () => {
  assert.equal(renderMarkdown("教程中的每条命令\n都经过检查\nand English\nwords"), "<p>教程中的每条命令都经过检查 and English words</p>");
});

test("HTML in a description is text, and only safe links become links", () => {
  assert.equal(inline('<script>alert("x")</script> **b** *i*'), "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <strong>b</strong> <em>i</em>");
  assert.equal(inline("[ok](https://kubernetes.io/docs/) [page](other.html#a) [bad](javascript:alert(1)) [data](data:text/html,x)"),
    '<a href="https://kubernetes.io/docs/">ok</a> <a href="other.html#a">page</a> [bad](javascript:alert(1)) [data](data:text/html,x)');
  assert.equal(escapeHtml(`"'&`), "&quot;&#39;&amp;");
  assert.deepEqual(dedent("    a\n      b\n\n    c"), ["a", "  b", "", "c"]);
});
