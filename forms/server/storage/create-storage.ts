/** The storage the configuration names (`CHANCERY_FILE_STORAGE`). */
import type { FileStorageConfig } from '../../../core/config.js';
import type { Executor } from '../../../core/persistence/types.js';
import { createDbStorage } from './db-storage.js';
import { createS3Storage } from './s3-storage.js';
import type { BlobStorage } from './types.js';

/**
 * @example
 * const storage = createBlobStorage(config.fileStorage, db);
 */
export function createBlobStorage(config: FileStorageConfig, db: Executor): BlobStorage {
  if (config.kind === 'db') return createDbStorage(db);
  return createS3Storage({
    bucket: config.bucket,
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    prefix: config.prefix,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
  });
}
