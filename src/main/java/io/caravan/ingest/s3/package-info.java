/** The S3 source: objects of a bucket (AWS or any S3-compatible store) as documents, mirrored, never deleted. */
package io.caravan.ingest.s3;
