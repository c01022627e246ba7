#!/bin/sh
# One-shot MinIO bootstrap, run by the minio-init service (minio/mc image) before the
# application starts. Safe to run again on every `docker compose up`:
#   1. the media bucket, created if absent;
#   2. kept private: no anonymous access at all (evidence is served by presigned URLs);
#   3. the application's own MinIO user (S3_ACCESS_KEY / S3_SECRET_KEY) with a policy
#      limited to that bucket, which may not delete the bucket nor change its policy.
#      The root credentials never reach the application containers.
set -eu

: "${MINIO_ROOT_USER:?MINIO_ROOT_USER is not set}"
: "${MINIO_ROOT_PASSWORD:?MINIO_ROOT_PASSWORD is not set}"
: "${S3_BUCKET:?S3_BUCKET is not set}"
: "${S3_ACCESS_KEY:?S3_ACCESS_KEY is not set}"
: "${S3_SECRET_KEY:?S3_SECRET_KEY is not set}"
MINIO_URL=${MINIO_URL:-http://minio:9000}
POLICY=zhifa-app

if [ "$S3_ACCESS_KEY" = "$MINIO_ROOT_USER" ]; then
    echo "minio-init: S3_ACCESS_KEY must differ from MINIO_ROOT_USER (the application gets its own user)" >&2
    exit 1
fi

mc alias set local "$MINIO_URL" "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null

mc mb --ignore-existing "local/$S3_BUCKET"
mc anonymous set none "local/$S3_BUCKET"

# A fixed path, not mktemp: the mc image is minimal, and this container is one-shot.
policy_file="${TMPDIR:-/tmp}/zhifa-app-policy.json"
trap 'rm -f "$policy_file"' EXIT
cat >"$policy_file" <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:ListAllMyBuckets", "s3:GetBucketLocation"],
      "Resource": ["arn:aws:s3:::*"]
    },
    {
      "Effect": "Allow",
      "Action": ["s3:*"],
      "Resource": ["arn:aws:s3:::$S3_BUCKET", "arn:aws:s3:::$S3_BUCKET/*"]
    },
    {
      "Effect": "Deny",
      "Action": ["s3:DeleteBucket", "s3:PutBucketPolicy"],
      "Resource": ["arn:aws:s3:::$S3_BUCKET"]
    }
  ]
}
EOF
mc admin policy create local "$POLICY" "$policy_file"

# Adding an existing user updates its secret key, so rotating S3_SECRET_KEY works too.
mc admin user add local "$S3_ACCESS_KEY" "$S3_SECRET_KEY"
if ! out=$(mc admin policy attach local "$POLICY" --user "$S3_ACCESS_KEY" 2>&1); then
    case "$out" in
        *"already in effect"* | *"already attached"*) ;;
        *)
            echo "$out" >&2
            exit 1
            ;;
    esac
fi

echo "minio-init: bucket '$S3_BUCKET' is ready and private; user '$S3_ACCESS_KEY' has policy '$POLICY'"
