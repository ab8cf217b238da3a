// Package kinesishttp serves the Amazon Kinesis Data Streams wire protocol
// over a *minikinesis.Kinesis, so AWS SDK clients of any language — and the
// AWS CLI — can talk to the in-process model as they would to Kinesis.
//
// The protocol is AWS JSON 1.1 (application/x-amz-json-1.1) and CBOR 1.1
// (application/x-amz-cbor-1.1, the Java SDKs' default): POST / with an
// X-Amz-Target header of Kinesis_20131202.<Operation>. Errors are HTTP 400
// with {"__type", "message"} (500 for InternalFailure). SubscribeToShard
// answers with an application/vnd.amazon.eventstream stream over HTTP/2.
// Requests are checked in AWS's order with AWS's answers; credentials must
// be there and well formed (WithAuthentication), and signatures are
// verified only with AuthVerify (WithCredentials).
//
// One handler serves one account, or, WithAccounts, the account each
// request picks: Accounts picks by the access key id a request is signed
// with, a 12-digit one naming its own account.
//
// The handler only translates: every decision is the model's.
package kinesishttp
