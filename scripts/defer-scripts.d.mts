/** See defer-scripts.mjs: HTML in, the same HTML out with each chunk's script run after the first frame. */
export declare function createDeferScriptsTransform(): TransformStream<Uint8Array, Uint8Array>;
