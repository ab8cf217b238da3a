package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/minikinesis/minikinesis/persist"
)

func TestDataDirFlags(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name    string
		args    []string
		dir     string
		fsync   persist.FsyncPolicy
		recover bool
		err     string
	}{
		{"default policy", []string{"-data-dir", "d"}, "d", persist.FsyncEverySecond, false, ""},
		{"always", []string{"-data-dir", "d", "-fsync", "always"}, "d", persist.FsyncAlways, false, ""},
		{"never, recovering", []string{"-data-dir", "d", "-fsync=never", "-recover-corrupt"}, "d", persist.FsyncNever, true, ""},
		{"bad policy", []string{"-data-dir", "d", "-fsync", "sometimes"}, "", 0, false, `invalid value "sometimes" for flag -fsync: want always, 1s or never, not "sometimes"`},
		{"fsync without a directory", []string{"-fsync", "always"}, "", 0, false, "-fsync and -recover-corrupt need -data-dir"},
		{"recovery without a directory", []string{"-recover-corrupt"}, "", 0, false, "-fsync and -recover-corrupt need -data-dir"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg, err := parseConfig(tt.args, &bytes.Buffer{})
			if tt.err != "" {
				var usage *usageError
				require.ErrorAs(t, err, &usage)
				assert.EqualError(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.dir, cfg.dataDir)
			assert.Equal(t, tt.fsync, cfg.fsync)
			assert.Equal(t, tt.recover, cfg.recoverCorrupt)
		})
	}
}

func TestRunKeepsTheAccountInItsDataDir(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ctx := context.Background()
	args := []string{"-addr", "127.0.0.1:0", "-data-dir", dir, "-fsync", "always", "-stream", "boot:2"}
	p := startRun(t, args...)
	c := sdkClient(p.url, nil)
	put, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("boot"), PartitionKey: aws.String("k"), Data: []byte("kept")})
	require.NoError(t, err)
	_, err = c.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: aws.String("boot"), Tags: map[string]string{"team": "a"}})
	require.NoError(t, err)
	require.NoError(t, p.stop(t))
	assert.Contains(t, p.log.String(), "msg=\"data directory closed\"")

	p2 := startRun(t, args...)
	assert.Contains(t, p2.log.String(), "msg=\"stream kept from the data directory\" stream=boot shards=2")
	c2 := sdkClient(p2.url, nil)
	it, err := c2.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: aws.String("boot"), ShardId: put.ShardId,
		ShardIteratorType: types.ShardIteratorTypeAtSequenceNumber, StartingSequenceNumber: put.SequenceNumber})
	require.NoError(t, err)
	got, err := c2.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it.ShardIterator})
	require.NoError(t, err)
	require.Len(t, got.Records, 1)
	assert.Equal(t, "kept", string(got.Records[0].Data))
	tags, err := c2.ListTagsForStream(ctx, &kinesis.ListTagsForStreamInput{StreamName: aws.String("boot")})
	require.NoError(t, err)
	require.Len(t, tags.Tags, 1)
	assert.Equal(t, "team", aws.ToString(tags.Tags[0].Key))
	require.NoError(t, p2.stop(t))
}

func TestRunRefusesADataDirOfAnotherRegion(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := startRun(t, "-addr", "127.0.0.1:0", "-data-dir", dir)
	require.NoError(t, p.stop(t))
	err := run(context.Background(), []string{"-addr", "127.0.0.1:0", "-data-dir", dir, "-region", "eu-west-1"}, &bytes.Buffer{}, &bytes.Buffer{})
	var mismatch *persist.MismatchError
	require.ErrorAs(t, err, &mismatch)
	assert.Equal(t, "opening -data-dir "+dir+": persist: "+dir+" holds account 000000000000 in region us-east-1, not account 000000000000 in region eu-west-1", err.Error())
}
