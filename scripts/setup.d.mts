// Types for scripts/setup.mjs, so TypeScript scripts (site tests, screenshots) can import it.
export declare const CHROMIUM_PATH: string;
export declare const CHROMIUM_ARGS: string[];
export declare function ensurePackages(): void;
export declare function ensureSimCoreBuilt(): void;
export declare function ensureChromium(): boolean;
