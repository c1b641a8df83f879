export { folderStore } from './folder.js';
export { gitStore, MAX_COMMITS, VIGIL_AUTHOR, type GitStoreOptions } from './git.js';
export {
  type ChangeFunction,
  type DataStore,
  StoreError,
  type StoreErrorReason,
  type StoreResult,
  type UpdateOptions,
} from './types.js';
