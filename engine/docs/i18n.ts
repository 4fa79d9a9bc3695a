// Every word the documentation's own interface says, in English and Chinese. A page speaks the
// language of its feature (`# language: zh-CN`); anything else falls back to English.

export type Lang = "en" | "zh-CN";

const en = {
  siteTitle: "kubecuke: scenarios as documentation",
  contents: "Contents",
  search: "Search",
  searchPlaceholder: "Search steps, scenarios, output…",
  noResults: "Nothing found.",
  results: (n: number) => `${n} result${n === 1 ? "" : "s"}`,
  passed: "passed",
  failed: "failed",
  skipped: "skipped",
  "not-run": "not run",
  background: "Background",
  whatTheClusterDid: "What the cluster did",
  output: "output",
  lines: (n: number) => `${n} lines`,
  hooks: "Before and after the scenario",
  retried: (n: number) => `passed after ${n - 1} retr${n === 2 ? "y" : "ies"} (flaky)`,
  verifiedAll: (d: string) => `Every scenario on this page passed in the latest run${d}.`,
  verifiedSome: (failed: number, total: number, d: string) => `${failed} of ${total} scenarios on this page failed in the latest run${d}.`,
  notVerified: (n: number, total: number) => `Not verified by the latest run: ${n} of ${total} scenarios on this page were not run in it (or changed since), so what they say has not been checked.`,
  noRun: "No run's results were found: nothing on this page has been verified.",
  runFacts: (date: string, runId: string, k8s: string) => ` (${date}, run ${runId}, Kubernetes ${k8s})`,
  runBy: "Verified by",
  run: "run",
  kubernetes: "Kubernetes",
  unknown: "unknown",
  scenarios: "scenarios",
  otherEdition: "Other edition",
  editions: "Editions",
  allureReport: "Test report (Allure)",
  inReport: "in the test report",
  generated: (date: string) => `Generated ${date} from the feature files and the latest run.`,
  more: "More features",
  example: "Example",
  failedStep: "This step failed:",
  notRunNote: "This scenario was not run by the latest run.",
  input: "input",
  manifest: "manifest",
  command: "command",
  top: "Back to contents",
  kinds: { feature: "feature", scenario: "scenario", step: "step", output: "output" } as Record<string, string>,
};

export type Strings = typeof en;

const zh: Strings = {
  siteTitle: "kubecuke：可执行的文档",
  contents: "目录",
  search: "搜索",
  searchPlaceholder: "搜索步骤、场景、输出……",
  noResults: "没有找到。",
  results: (n) => `${n} 条结果`,
  passed: "通过",
  failed: "失败",
  skipped: "跳过",
  "not-run": "未运行",
  background: "背景",
  whatTheClusterDid: "集群实际的输出",
  output: "输出",
  lines: (n) => `${n} 行`,
  hooks: "场景前后",
  retried: (n) => `重试 ${n - 1} 次后通过（不稳定）`,
  verifiedAll: (d) => `本页所有场景在最近一次运行中都通过了${d}。`,
  verifiedSome: (failed, total, d) => `本页 ${total} 个场景中有 ${failed} 个在最近一次运行中失败${d}。`,
  notVerified: (n, total) => `最近一次运行没有验证本页的全部内容：${total} 个场景中有 ${n} 个没有运行（或此后被修改），其内容未经检查。`,
  noRun: "没有找到任何运行结果：本页内容均未经验证。",
  runFacts: (date, runId, k8s) => `（${date}，运行 ${runId}，Kubernetes ${k8s}）`,
  runBy: "验证于",
  run: "运行",
  kubernetes: "Kubernetes",
  unknown: "未知",
  scenarios: "个场景",
  otherEdition: "其他语言版本",
  editions: "版本",
  allureReport: "测试报告（Allure）",
  inReport: "在测试报告中查看",
  generated: (date) => `根据功能文件和最近一次运行生成于 ${date}。`,
  more: "更多功能",
  example: "示例",
  failedStep: "此步骤失败：",
  notRunNote: "最近一次运行没有运行此场景。",
  input: "输入",
  manifest: "清单",
  command: "命令",
  top: "返回目录",
  kinds: { feature: "功能", scenario: "场景", step: "步骤", output: "输出" },
};

export function strings(lang: string): Strings {
  return lang.toLowerCase().startsWith("zh") ? zh : en;
}

export function langOf(language: string | undefined): Lang {
  return language?.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

/** The name a table of contents gives each language's column. */
export const LANGUAGE_NAMES: Record<Lang, string> = { en: "English", "zh-CN": "中文" };
