/** 2-D maps of embeddings: PCA (global structure), t-SNE and UMAP (local neighbourhoods). */
export { exactKnn, type Neighbours } from "./knn.ts";
export { type PcaModel, type PcaOptions, type PcaResult, pca, transformPca } from "./pca.ts";
export { gatherRows, sampleRows } from "./sample.ts";
export { type TsneOptions, type TsneResult, tsne } from "./tsne.ts";
export type { OnProgress, Points } from "./types.ts";
export { type UmapOptions, type UmapResult, umap } from "./umap.ts";
