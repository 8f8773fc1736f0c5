/**
 * Image input for the scanners: open an image from a `docker save` archive, an OCI layout, the local
 * Docker Engine or a registry (`openImage`), then read only the files the analysers want from its final
 * filesystem, whiteouts applied, each tagged with its layer (`collectFiles`). `scanDirectory` gives the
 * same shape for a plain directory.
 */
export { collectFiles } from './collect-files.js';
export { openImage } from './open-image.js';
export { scanDirectory } from './scan-directory.js';
export type { ScanDirectoryOptions } from './scan-directory.js';
export type { ImageConfig, Platform } from './image-schemas.js';
export type {
  CollectedFile,
  CollectOptions,
  CollectProgress,
  EntryInfo,
  FileCollection,
  FileReducer,
  FileWanted,
  ImageFileCollection,
  ImageHandle,
  ImageLayout,
  ImageSource,
  LayerInfo,
  LayerStream,
  LayerVisitor,
  ReadOptions,
  RegistryAuth,
  SkippedFile,
} from './image-types.js';
