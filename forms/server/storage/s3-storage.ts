/**
 * File contents in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW, OSS/COS in S3 mode). An
 * upload is sent as a multipart upload in 5 MiB parts as it arrives (a file below one part is a
 * single PUT), so memory holds one part at most; a failed upload is aborted, leaving nothing.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { ChanceryError } from '../../../core/errors.js';
import { pieces } from './db-storage.js';
import type { BlobStorage } from './types.js';

/** The smallest part S3 accepts (except the last). */
const PART = 5 * 1024 * 1024;

export interface S3StorageOptions {
  bucket: string;
  /** For S3-compatible servers (`https://minio.example.gov.cn:9000`); unset for AWS. */
  endpoint?: string;
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** `https://host/bucket/key` instead of `https://bucket.host/key` (most self-hosted servers need it). */
  forcePathStyle: boolean;
  /** Prefix of every object key (`chancery/`), so one bucket can serve several installations. */
  prefix?: string;
}

/**
 * @example
 * const storage = createS3Storage({ bucket: 'chancery-files', endpoint: 'http://127.0.0.1:9000', region: 'us-east-1', forcePathStyle: true, credentials });
 */
export function createS3Storage(options: S3StorageOptions): BlobStorage {
  const client = new S3Client({
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    // Checksums only where S3 requires them: many S3-compatible servers (older MinIO, Ceph, s3rver)
    // refuse the SDK's default trailing-checksum uploads. Our own sha256 guards the contents.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
  const Bucket = options.bucket;
  const keyOf = (key: string) => `${options.prefix ?? ''}${key}`;

  return {
    kind: 's3',
    async put(key, content) {
      const Key = keyOf(key);
      // The first part is held back until we know whether more follow: a small file is one PUT.
      let first: Buffer | undefined;
      let uploadId: string | undefined;
      const parts: Array<{ ETag: string; PartNumber: number }> = [];
      try {
        for await (const part of pieces(content, PART)) {
          if (uploadId === undefined && first === undefined) {
            first = part;
            continue;
          }
          if (uploadId === undefined) {
            uploadId = (await client.send(new CreateMultipartUploadCommand({ Bucket, Key }))).UploadId!;
            parts.push(await sendPart(Key, uploadId, 1, first!));
            first = undefined;
          }
          parts.push(await sendPart(Key, uploadId, parts.length + 1, part));
        }
        if (uploadId === undefined) {
          const Body = first ?? Buffer.alloc(0);
          await client.send(new PutObjectCommand({ Bucket, Key, Body, ContentLength: Body.length }));
          return;
        }
        await client.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId: uploadId, MultipartUpload: { Parts: parts } }));
      } catch (error) {
        if (uploadId) await client.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId: uploadId })).catch(() => undefined);
        throw error;
      }
    },
    async get(key) {
      try {
        const res = await client.send(new GetObjectCommand({ Bucket, Key: keyOf(key) }));
        return res.Body as Readable;
      } catch (error) {
        if ((error as { name?: string }).name === 'NoSuchKey') throw new ChanceryError('file.not_found', { id: key }, { cause: error });
        throw error;
      }
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: keyOf(key) }));
    },
  };

  async function sendPart(Key: string, UploadId: string, PartNumber: number, Body: Buffer) {
    const res = await client.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber, Body, ContentLength: Body.length }));
    return { ETag: res.ETag!, PartNumber };
  }
}
