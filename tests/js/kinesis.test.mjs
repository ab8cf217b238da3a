// The AWS SDK for JavaScript v3 against a running minikinesis server.
//
// It speaks HTTP/2 with prior knowledge to every Kinesis operation, so this
// checks the server's default listener takes it. The server is not started
// here: MINIKINESIS_ENDPOINT names it (.ci/run starts one with default
// flags). Run: MINIKINESIS_ENDPOINT=http://127.0.0.1:4567 npm test
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  DescribeStreamConsumerCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  ListShardsCommand,
  PutRecordCommand,
  PutRecordsCommand,
  RegisterStreamConsumerCommand,
  SubscribeToShardCommand,
  UpdateShardCountCommand,
  CreateStreamCommand,
  waitUntilStreamExists,
} from "@aws-sdk/client-kinesis";

const endpoint = process.env.MINIKINESIS_ENDPOINT;
if (!endpoint) {
  throw new Error("set MINIKINESIS_ENDPOINT to the server's URL, e.g. http://127.0.0.1:4567");
}

const encode = (s) => new TextEncoder().encode(s);
const decode = (b) => new TextDecoder().decode(b);
// Every stream this run makes has a name of its own, so a rerun against
// the same server starts afresh.
const streamName = `js-sdk-${process.pid}-${Date.now()}`;

describe("AWS SDK for JavaScript v3", { timeout: 60_000 }, () => {
  let client;
  let streamARN;

  before(() => {
    client = new KinesisClient({
      endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "x", secretAccessKey: "x" },
    });
  });

  after(() => client.destroy());

  // readShard reads a shard from TRIM_HORIZON to its end or to the tip:
  // its records' data, and the ChildShards of the last answer.
  async function readShard(shardId) {
    const { ShardIterator } = await client.send(
      new GetShardIteratorCommand({ StreamName: streamName, ShardId: shardId, ShardIteratorType: "TRIM_HORIZON" }),
    );
    let iterator = ShardIterator;
    const data = [];
    for (let calls = 0; iterator && calls < 20; calls++) {
      const out = await client.send(new GetRecordsCommand({ ShardIterator: iterator }));
      data.push(...out.Records.map((r) => decode(r.Data)));
      if (out.ChildShards?.length || out.Records.length === 0) {
        return { data, childShards: out.ChildShards ?? [], next: out.NextShardIterator };
      }
      iterator = out.NextShardIterator;
    }
    return { data, childShards: [], next: iterator };
  }

  test("CreateStream, then waitUntilStreamExists sees it ACTIVE", async () => {
    await client.send(new CreateStreamCommand({ StreamName: streamName, ShardCount: 1 }));
    const waited = await waitUntilStreamExists({ client, minDelay: 1, maxDelay: 1, maxWaitTime: 30 }, { StreamName: streamName });
    assert.equal(waited.state, "SUCCESS");
    assert.equal(waited.reason.StreamDescription.StreamStatus, "ACTIVE");
    streamARN = waited.reason.StreamDescription.StreamARN;
    assert.match(streamARN, /^arn:aws:kinesis:us-east-1:\d{12}:stream\//);
  });

  test("PutRecord and PutRecords, read back with GetShardIterator and GetRecords", async () => {
    const one = await client.send(new PutRecordCommand({ StreamName: streamName, PartitionKey: "a", Data: encode("first") }));
    assert.equal(one.ShardId, "shardId-000000000000");
    assert.match(one.SequenceNumber, /^\d+$/);
    const many = await client.send(
      new PutRecordsCommand({
        StreamName: streamName,
        Records: ["second", "third"].map((d, i) => ({ PartitionKey: `k${i}`, Data: encode(d) })),
      }),
    );
    assert.equal(many.FailedRecordCount, 0);
    assert.equal(many.Records.length, 2);
    assert.ok(BigInt(many.Records[0].SequenceNumber) > BigInt(one.SequenceNumber), "sequence numbers increase");

    const read = await readShard("shardId-000000000000");
    assert.deepEqual(read.data, ["first", "second", "third"]);
    assert.ok(read.next, "an open shard hands out a next iterator");
    assert.deepEqual(read.childShards, []);
  });

  test("UpdateShardCount closes the parent, which ends with its ChildShards", async () => {
    await client.send(new UpdateShardCountCommand({ StreamName: streamName, TargetShardCount: 2, ScalingType: "UNIFORM_SCALING" }));
    await waitUntilStreamExists({ client, minDelay: 1, maxDelay: 1, maxWaitTime: 30 }, { StreamName: streamName });
    const { Shards } = await client.send(new ListShardsCommand({ StreamName: streamName }));
    assert.deepEqual(
      Shards.map((s) => s.ShardId),
      ["shardId-000000000000", "shardId-000000000001", "shardId-000000000002"],
    );
    assert.ok(Shards[0].SequenceNumberRange.EndingSequenceNumber, "the parent is closed");

    const parent = await readShard("shardId-000000000000");
    assert.deepEqual(parent.data, ["first", "second", "third"]);
    assert.equal(parent.next, undefined, "no next iterator at the end of a closed shard");
    assert.deepEqual(parent.childShards.map((c) => c.ShardId).sort(), ["shardId-000000000001", "shardId-000000000002"]);
    for (const child of parent.childShards) {
      assert.deepEqual(child.ParentShards, ["shardId-000000000000"]);
    }
  });

  test("RegisterStreamConsumer, then SubscribeToShard receives the records put", async () => {
    const { Consumer } = await client.send(new RegisterStreamConsumerCommand({ StreamARN: streamARN, ConsumerName: "js-app" }));
    for (let i = 0; i < 30; i++) {
      const { ConsumerDescription } = await client.send(new DescribeStreamConsumerCommand({ ConsumerARN: Consumer.ConsumerARN }));
      if (ConsumerDescription.ConsumerStatus === "ACTIVE") break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    // A key that the first child shard takes: the low half of the hash space.
    const { Shards } = await client.send(new ListShardsCommand({ StreamName: streamName, ShardFilter: { Type: "AT_LATEST" } }));
    const child = Shards[0];
    const aborter = new AbortController();
    const sub = await client.send(
      new SubscribeToShardCommand({
        ConsumerARN: Consumer.ConsumerARN,
        ShardId: child.ShardId,
        StartingPosition: { Type: "LATEST" },
      }),
      { abortSignal: aborter.signal },
    );
    const want = ["fan-out 1", "fan-out 2", "fan-out 3"];
    await client.send(
      new PutRecordsCommand({
        StreamName: streamName,
        Records: want.map((d) => ({ PartitionKey: "any", ExplicitHashKey: child.HashKeyRange.StartingHashKey, Data: encode(d) })),
      }),
    );
    const got = [];
    try {
      for await (const event of sub.EventStream) {
        assert.ok(event.SubscribeToShardEvent, `an event, not ${JSON.stringify(Object.keys(event))}`);
        got.push(...event.SubscribeToShardEvent.Records.map((r) => decode(r.Data)));
        if (got.length >= want.length) break;
      }
    } finally {
      aborter.abort();
    }
    assert.deepEqual(got, want);
  });
});
