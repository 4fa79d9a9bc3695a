// The types of build.mjs (JavaScript so that it runs before any TypeScript loader).
export declare const ENTRIES: readonly string[];
export declare const CHECKOUT_ENTRIES: readonly string[];
export declare function buildKubecuke(options: { root: string; outdir: string; packages: "outside" | "inside"; entries?: readonly string[] }): Promise<{ ms: number }>;
export declare function runBuild(root: string): Promise<{ dir: string; built: boolean; ms: number }>;
