package minikinesis

import (
	"context"
	"hash/fnv"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
)

// A channel delivers a stream's records to Amazon S3 or S3 Tables. The
// model keeps each channel's configuration and lifecycle (CREATING, then
// ACTIVE; UPDATING after UpdateChannel; DELETING, then gone), with the
// account's state delays; it delivers nothing.

// MaxChannelsPerAccount is how many channels an account may have
// (unverified: DescribeLimits reports the quota, the API reference does
// not give its default).
const MaxChannelsPerAccount = 50

// CreateChannelInput mirrors the AWS CreateChannel request.
type CreateChannelInput struct {
	ChannelName             string
	ServiceExecutionRoleARN string
	// StreamConfigurationList names the source stream: one, today.
	StreamConfigurationList []ChannelStreamConfiguration
	EncryptionConfiguration *ChannelEncryptionConfiguration
	LoggingConfiguration    *ChannelLoggingConfiguration
	// Exactly one destination is given.
	S3DestinationConfiguration       *S3DestinationConfiguration
	S3TablesDestinationConfiguration *S3TablesDestinationConfiguration
	Tags                             map[string]string
}

func (in *CreateChannelInput) target() callTarget {
	if len(in.StreamConfigurationList) > 0 {
		return callTarget{arn: in.StreamConfigurationList[0].StreamARN}
	}
	return callTarget{}
}

func (in *CreateChannelInput) clipped() any {
	c := *in
	c.ChannelName, c.ServiceExecutionRoleARN = clip(c.ChannelName), clip(c.ServiceExecutionRoleARN)
	c.StreamConfigurationList = slices.Clone(c.StreamConfigurationList[:min(len(c.StreamConfigurationList), MaxLoggedEntries)])
	for i := range c.StreamConfigurationList {
		c.StreamConfigurationList[i].StreamARN = clip(c.StreamConfigurationList[i].StreamARN)
	}
	c.Tags = clipMap(c.Tags)
	return &c
}

// CreateChannelOutput mirrors the AWS CreateChannel response.
type CreateChannelOutput struct {
	ChannelDescription ChannelDescription
}

// DescribeChannelInput mirrors the AWS DescribeChannel request.
type DescribeChannelInput struct {
	ChannelARN string
}

func (in *DescribeChannelInput) target() callTarget { return callTarget{} }

func (in *DescribeChannelInput) clipped() any {
	return &DescribeChannelInput{ChannelARN: clip(in.ChannelARN)}
}

// DescribeChannelOutput mirrors the AWS DescribeChannel response.
type DescribeChannelOutput struct {
	ChannelDescription ChannelDescription
}

// DeleteChannelInput mirrors the AWS DeleteChannel request.
type DeleteChannelInput struct {
	ChannelARN string
}

func (in *DeleteChannelInput) target() callTarget { return callTarget{} }

func (in *DeleteChannelInput) clipped() any {
	return &DeleteChannelInput{ChannelARN: clip(in.ChannelARN)}
}

// S3DestinationUpdateInput mirrors AWS's S3DestinationUpdateInput (and
// S3TablesDestinationUpdateInput, which has the same member).
type S3DestinationUpdateInput struct {
	// DataFreshnessInSeconds is required: nil is a member left out.
	DataFreshnessInSeconds *int
}

// UpdateChannelInput mirrors the AWS UpdateChannel request.
type UpdateChannelInput struct {
	ChannelARN                       string
	LoggingConfiguration             *ChannelLoggingConfiguration
	S3DestinationConfiguration       *S3DestinationUpdateInput
	S3TablesDestinationConfiguration *S3DestinationUpdateInput
}

func (in *UpdateChannelInput) target() callTarget { return callTarget{} }

func (in *UpdateChannelInput) clipped() any {
	c := *in
	c.ChannelARN = clip(c.ChannelARN)
	return &c
}

// UpdateChannelOutput mirrors the AWS UpdateChannel response.
type UpdateChannelOutput struct {
	ChannelDescription ChannelDescription
}

// ListChannelsInput mirrors the AWS ListChannels request.
type ListChannelsInput struct {
	// MaxResults caps the channels returned (1..10000; zero means 100,
	// and more than 100 is 100).
	MaxResults   int
	NextToken    string
	StreamFilter []StreamFilter
}

func (in *ListChannelsInput) target() callTarget { return callTarget{} }

func (in *ListChannelsInput) clipped() any {
	c := *in
	c.NextToken = clip(c.NextToken)
	c.StreamFilter = slices.Clone(c.StreamFilter[:min(len(c.StreamFilter), MaxLoggedEntries)])
	return &c
}

// ListChannelsOutput mirrors the AWS ListChannels response.
type ListChannelsOutput struct {
	ChannelSummaries []ChannelSummary
	NextToken        string
}

// ChannelARN returns the ARN a channel of this name has in this account.
func (k *Kinesis) ChannelARN(name string) string {
	return "arn:aws:kinesis:" + k.cfg.region + ":" + k.cfg.accountID + ":channel/" + name
}

// statusAt is the channel's state at now, finishing a transition whose
// delay has passed; "" once a deletion has finished.
func (c *ChannelState) statusAt(now time.Time) ChannelStatus {
	if now.Before(c.SettleAt) {
		return c.Status
	}
	switch c.Status {
	case ChannelStatusCreating, ChannelStatusUpdating:
		return ChannelStatusActive
	case ChannelStatusDeleting:
		return ""
	}
	return c.Status
}

// enter moves the channel into status for delay.
func (c *ChannelState) enter(status ChannelStatus, now time.Time, delay time.Duration) {
	c.Status, c.SettleAt = status, now.Add(delay)
	if delay <= 0 && status != ChannelStatusDeleting {
		c.Status, c.SettleAt = ChannelStatusActive, time.Time{}
	}
}

func (c *ChannelState) destinationType() ChannelDestinationType {
	if c.S3Tables != nil {
		return ChannelDestinationS3Tables
	}
	return ChannelDestinationS3
}

// liveChannelsLocked returns the account's channels not gone, by name,
// dropping finished deletions. Caller holds k.account.mu.
func (k *Kinesis) liveChannelsLocked(now time.Time) []*ChannelState {
	out := make([]*ChannelState, 0, len(k.account.channels))
	for name, c := range k.account.channels {
		if c.statusAt(now) == "" {
			delete(k.account.channels, name)
			continue
		}
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b *ChannelState) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// channelsOfStream counts a stream's channels; those being deleted only
// withDeleting (they no longer keep the stream from being deleted).
func (k *Kinesis) channelsOfStream(s *Stream, now time.Time, withDeleting bool) int {
	k.account.mu.Lock()
	defer k.account.mu.Unlock()
	n := 0
	for _, c := range k.liveChannelsLocked(now) {
		if c.Stream == s.name && c.StreamCreated.Equal(s.created) && (withDeleting || c.statusAt(now) != ChannelStatusDeleting) {
			n++
		}
	}
	return n
}

// describe is the channel as DescribeChannel reports it.
func (k *Kinesis) describeChannel(c *ChannelState, now time.Time) ChannelDescription {
	d := ChannelDescription{
		ChannelARN: k.ChannelARN(c.Name), ChannelCreationTimestamp: c.Created, ChannelId: c.ID, ChannelName: c.Name,
		ChannelStatus: c.statusAt(now), ChannelStatusReason: c.StatusReason,
		LoggingConfiguration:    ChannelLoggingConfiguration{CloudWatchLogs: copyLogs(c.Logging)},
		ServiceExecutionRoleARN: c.RoleARN,
		StreamConfigurationList: []ChannelStreamDescription{{StreamARN: k.StreamARN(c.Stream), StreamCreationTimestamp: c.StreamCreated, RecordConfiguration: c.Record}},
	}
	if c.Encryption != nil {
		e := *c.Encryption
		d.EncryptionConfiguration = &e
	}
	if c.S3 != nil {
		s3 := *c.S3
		d.S3DestinationConfiguration = &s3
	}
	if c.S3Tables != nil {
		t := *c.S3Tables
		t.S3TablesConfigurationList = cloneTables(t.S3TablesConfigurationList)
		d.S3TablesDestinationConfiguration = &t
	}
	return d
}

func copyLogs(l CloudWatchLogs) *CloudWatchLogs {
	enabled := l.Enabled != nil && *l.Enabled
	l.Enabled = &enabled
	return &l
}

func cloneTables(list []S3TablesConfiguration) []S3TablesConfiguration {
	out := slices.Clone(list)
	for i := range out {
		if p := out[i].PartitionSpec; p != nil {
			out[i].PartitionSpec = &PartitionSpec{PartitionFields: slices.Clone(p.PartitionFields)}
		}
	}
	return out
}

// CreateChannel creates a channel from an on-demand stream to an S3 or S3
// Tables destination. It is CREATING for the configured delay, then
// ACTIVE.
func (k *Kinesis) CreateChannel(ctx context.Context, in *CreateChannelInput) (*CreateChannelOutput, error) {
	return call(k, ctx, OpCreateChannel, in, k.opCreateChannel)
}

// opCreateChannel is CreateChannel without the observation layer (faults, call log, hooks).
func (k *Kinesis) opCreateChannel(ctx context.Context, in *CreateChannelInput) (*CreateChannelOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := createChannelViolations(in).errFor(membersOf(ctx)); err != nil {
		return nil, err
	}
	now := k.cfg.clock.Now()
	if err := k.rates.allow(now, OpCreateChannel, "", k.cfg.accountID); err != nil {
		return nil, err
	}
	if err := createChannelSemantics(in); err != nil {
		return nil, err
	}
	s, err := k.resolve("", in.StreamConfigurationList[0].StreamARN)
	if err != nil {
		return nil, err
	}
	s.mu.RLock()
	streamErr := s.requireSettledLocked(now)
	mode, streamCreated := s.mode, s.created
	s.mu.RUnlock()
	if streamErr != nil {
		return nil, streamErr
	}
	if mode != StreamModeOnDemand {
		return nil, notOnDemand(OpCreateChannel, s.name, k.cfg.accountID)
	}
	c := newChannel(in, s.name, streamCreated, now)
	k.account.mu.Lock()
	defer k.account.mu.Unlock()
	live := k.liveChannelsLocked(now)
	if k.account.channels[c.Name] != nil {
		return nil, channelAlreadyExists(c.Name, k.cfg.accountID)
	}
	if len(live) >= MaxChannelsPerAccount {
		return nil, &LimitExceededException{Message: "Account " + k.cfg.accountID + " already has " + strconv.Itoa(len(live)) + " channels, the most it may have."}
	}
	c.enter(ChannelStatusCreating, now, k.cfg.delays.Creating)
	if k.account.channels == nil {
		k.account.channels = map[string]*ChannelState{}
	}
	k.account.channels[c.Name] = c
	return &CreateChannelOutput{ChannelDescription: k.describeChannel(c, now)}, nil
}

// newChannel builds a channel from a valid request, with AWS's defaults.
func newChannel(in *CreateChannelInput, stream string, streamCreated, now time.Time) *ChannelState {
	c := &ChannelState{
		Name: in.ChannelName, Created: now, Stream: stream, StreamCreated: streamCreated,
		Record: *in.StreamConfigurationList[0].RecordConfiguration, RoleARN: in.ServiceExecutionRoleARN,
		Tags: maps.Clone(in.Tags),
	}
	h := fnv.New64a()
	h.Write([]byte(in.ChannelName + "/" + strconv.FormatInt(now.UnixNano(), 10)))
	c.ID = strconv.FormatUint(h.Sum64(), 16)
	disabled := false
	c.Logging = CloudWatchLogs{Enabled: &disabled}
	if l := in.LoggingConfiguration; l != nil {
		c.Logging = *l.CloudWatchLogs
	}
	c.Logging = c.defaultLogNames(c.Logging)
	if e := in.EncryptionConfiguration; e != nil {
		enc := *e
		c.Encryption = &enc
	}
	if d := in.S3DestinationConfiguration; d != nil {
		c.S3 = &S3DestinationDescription{DataFreshnessInSeconds: cmpOr(d.DataFreshnessInSeconds, DefaultDataFreshnessSeconds), StorageConfiguration: *d.StorageConfiguration}
		if d.DeadLetterQueueS3Configuration != nil {
			c.S3.DeadLetterQueueS3Configuration = *d.DeadLetterQueueS3Configuration
		} else {
			// AWS's default: the destination bucket, under an error prefix.
			st := d.StorageConfiguration
			c.S3.DeadLetterQueueS3Configuration = DeadLetterQueueS3Configuration{BucketARN: st.BucketARN, ExpectedBucketOwner: st.ExpectedBucketOwner, ErrorOutputPrefix: "error/"}
		}
	}
	if d := in.S3TablesDestinationConfiguration; d != nil {
		c.S3Tables = &S3TablesDestinationDescription{DataFreshnessInSeconds: cmpOr(d.DataFreshnessInSeconds, DefaultDataFreshnessSeconds),
			DeadLetterQueueS3Configuration: *d.DeadLetterQueueS3Configuration, S3TablesConfigurationList: cloneTables(d.S3TablesConfigurationList)}
	}
	return c
}

// defaultLogNames fills the log names AWS defaults when logging is on.
func (c *ChannelState) defaultLogNames(l CloudWatchLogs) CloudWatchLogs {
	if l.Enabled != nil && *l.Enabled {
		if l.LogGroupName == "" {
			l.LogGroupName = "/aws/kinesis/" + c.Name + "/" + c.ID
		}
		if l.LogStreamName == "" {
			l.LogStreamName = defaultLogStreamName
		}
	}
	return l
}

func cmpOr(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// channelFor validates a ChannelARN member and finds the channel. Caller
// holds k.account.mu on success, and must unlock it.
func (k *Kinesis) channelFor(ctx context.Context, op, arn string, v violations, now time.Time) (*ChannelState, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	v.requireChannelARN(arn)
	if err := v.errFor(membersOf(ctx)); err != nil {
		return nil, err
	}
	if err := k.rates.allow(now, op, "", k.cfg.accountID); err != nil {
		return nil, err
	}
	name := arn[strings.LastIndex(arn, ":channel/")+len(":channel/"):]
	k.account.mu.Lock()
	k.liveChannelsLocked(now)
	c := k.account.channels[name]
	if c == nil || k.ChannelARN(name) != arn {
		k.account.mu.Unlock()
		return nil, channelNotFound(arn)
	}
	return c, nil
}

// DescribeChannel describes a channel: its configuration and state.
func (k *Kinesis) DescribeChannel(ctx context.Context, in *DescribeChannelInput) (*DescribeChannelOutput, error) {
	return call(k, ctx, OpDescribeChannel, in, k.opDescribeChannel)
}

// opDescribeChannel is DescribeChannel without the observation layer (faults, call log, hooks).
func (k *Kinesis) opDescribeChannel(ctx context.Context, in *DescribeChannelInput) (*DescribeChannelOutput, error) {
	now := k.cfg.clock.Now()
	c, err := k.channelFor(ctx, OpDescribeChannel, in.ChannelARN, nil, now)
	if err != nil {
		return nil, err
	}
	defer k.account.mu.Unlock()
	return &DescribeChannelOutput{ChannelDescription: k.describeChannel(c, now)}, nil
}

// DeleteChannel deletes an ACTIVE or FAILED channel: it is DELETING for
// the configured delay, then gone. Its source stream can be deleted once
// its channels are DELETING.
func (k *Kinesis) DeleteChannel(ctx context.Context, in *DeleteChannelInput) error {
	return callErr(k, ctx, OpDeleteChannel, in, k.opDeleteChannel)
}

// opDeleteChannel is DeleteChannel without the observation layer (faults, call log, hooks).
func (k *Kinesis) opDeleteChannel(ctx context.Context, in *DeleteChannelInput) error {
	now := k.cfg.clock.Now()
	c, err := k.channelFor(ctx, OpDeleteChannel, in.ChannelARN, nil, now)
	if err != nil {
		return err
	}
	defer k.account.mu.Unlock()
	switch st := c.statusAt(now); st {
	case ChannelStatusActive, ChannelStatusFailed:
		c.enter(ChannelStatusDeleting, now, k.cfg.delays.Deleting)
		if c.statusAt(now) == "" {
			delete(k.account.channels, c.Name)
		}
		return nil
	default:
		return channelNotActive(c.Name, k.cfg.accountID, st)
	}
}

// UpdateChannel changes an ACTIVE channel's logging or data freshness. It
// is UPDATING for the configured delay, then ACTIVE.
func (k *Kinesis) UpdateChannel(ctx context.Context, in *UpdateChannelInput) (*UpdateChannelOutput, error) {
	return call(k, ctx, OpUpdateChannel, in, k.opUpdateChannel)
}

// opUpdateChannel is UpdateChannel without the observation layer (faults, call log, hooks).
func (k *Kinesis) opUpdateChannel(ctx context.Context, in *UpdateChannelInput) (*UpdateChannelOutput, error) {
	var v violations
	if l := in.LoggingConfiguration; l != nil {
		v.checkCloudWatchLogs("loggingConfiguration.cloudWatchLogs", l.CloudWatchLogs)
	}
	if d := in.S3DestinationConfiguration; d != nil && d.DataFreshnessInSeconds == nil {
		v = append(v, nullViolation("s3DestinationConfiguration.dataFreshnessInSeconds"))
	}
	if d := in.S3TablesDestinationConfiguration; d != nil && d.DataFreshnessInSeconds == nil {
		v = append(v, nullViolation("s3TablesDestinationConfiguration.dataFreshnessInSeconds"))
	}
	now := k.cfg.clock.Now()
	c, err := k.channelFor(ctx, OpUpdateChannel, in.ChannelARN, v, now)
	if err != nil {
		return nil, err
	}
	defer k.account.mu.Unlock()
	if err := updateChannelSemantics(c, in); err != nil {
		return nil, err
	}
	if st := c.statusAt(now); st != ChannelStatusActive {
		return nil, channelNotActive(c.Name, k.cfg.accountID, st)
	}
	if l := in.LoggingConfiguration; l != nil {
		c.Logging = c.defaultLogNames(*l.CloudWatchLogs)
	}
	if d := in.S3DestinationConfiguration; d != nil {
		s3 := *c.S3
		s3.DataFreshnessInSeconds = *d.DataFreshnessInSeconds
		c.S3 = &s3
	}
	if d := in.S3TablesDestinationConfiguration; d != nil {
		t := *c.S3Tables
		t.DataFreshnessInSeconds = *d.DataFreshnessInSeconds
		c.S3Tables = &t
	}
	c.enter(ChannelStatusUpdating, now, k.cfg.delays.Updating)
	return &UpdateChannelOutput{ChannelDescription: k.describeChannel(c, now)}, nil
}

// updateChannelSemantics are the service's checks of an UpdateChannel
// request: something to change, on the destination the channel has.
func updateChannelSemantics(c *ChannelState, in *UpdateChannelInput) error {
	s3, tables := in.S3DestinationConfiguration, in.S3TablesDestinationConfiguration
	switch {
	case in.LoggingConfiguration == nil && s3 == nil && tables == nil:
		return invalidChannel("At least one of LoggingConfiguration, S3DestinationConfiguration or S3TablesDestinationConfiguration must be specified.")
	case s3 != nil && c.S3 == nil:
		return invalidChannel("Channel " + c.Name + " does not deliver to a general purpose S3 bucket; S3DestinationConfiguration cannot be updated.")
	case tables != nil && c.S3Tables == nil:
		return invalidChannel("Channel " + c.Name + " does not deliver to S3 Tables; S3TablesDestinationConfiguration cannot be updated.")
	case s3 != nil:
		return checkFreshnessRange(*s3.DataFreshnessInSeconds)
	case tables != nil:
		return checkFreshnessRange(*tables.DataFreshnessInSeconds)
	}
	return nil
}

// ListChannels lists the account's channels in name order, a page at a
// time, optionally only those of some source streams.
func (k *Kinesis) ListChannels(ctx context.Context, in *ListChannelsInput) (*ListChannelsOutput, error) {
	return call(k, ctx, OpListChannels, in, k.opListChannels)
}

// opListChannels is ListChannels without the observation layer (faults, call log, hooks).
func (k *Kinesis) opListChannels(ctx context.Context, in *ListChannelsInput) (*ListChannelsOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var v violations
	v.checkLimit("maxResults", in.MaxResults, maxDescribeLimit)
	for i, f := range in.StreamFilter {
		v.requireStreamARN("streamFilter."+strconv.Itoa(i+1)+".member.streamARN", f.StreamARN)
	}
	if err := v.errFor(membersOf(ctx)); err != nil {
		return nil, err
	}
	now := k.cfg.clock.Now()
	if err := k.rates.allow(now, OpListChannels, "", k.cfg.accountID); err != nil {
		return nil, err
	}
	after := ""
	if in.NextToken != "" {
		t, err := k.openPageToken(in.NextToken, sealChannelsToken, now)
		if err != nil {
			return nil, err
		}
		after = t.after
	}
	limit := pageSize(in.MaxResults, defaultDescribeLimit)
	out := &ListChannelsOutput{ChannelSummaries: []ChannelSummary{}}
	k.account.mu.Lock()
	defer k.account.mu.Unlock()
	for _, c := range k.liveChannelsLocked(now) {
		if (after != "" && c.Name <= after) || !k.channelMatches(c, in.StreamFilter) {
			continue
		}
		if len(out.ChannelSummaries) == limit {
			last := out.ChannelSummaries[len(out.ChannelSummaries)-1].ChannelName
			out.NextToken = k.sealPageToken(pageToken{kind: sealChannelsToken, after: last, issued: now.UnixNano()})
			break
		}
		out.ChannelSummaries = append(out.ChannelSummaries, ChannelSummary{
			ChannelARN: k.ChannelARN(c.Name), ChannelCreationTimestamp: c.Created, ChannelDestinationType: c.destinationType(),
			ChannelId: c.ID, ChannelName: c.Name, ChannelStatus: c.statusAt(now), ChannelStatusReason: c.StatusReason,
			Streams: []ChannelStreamIdentifier{{StreamARN: k.StreamARN(c.Stream), StreamCreationTimestamp: c.StreamCreated}},
		})
	}
	return out, nil
}

// channelMatches reports whether a channel passes ListChannels' filter:
// no filter, or a source stream it names.
func (k *Kinesis) channelMatches(c *ChannelState, filter []StreamFilter) bool {
	if len(filter) == 0 {
		return true
	}
	for _, f := range filter {
		if f.StreamARN == k.StreamARN(c.Stream) && (f.StreamCreationTimestamp.IsZero() || sameMillisecond(f.StreamCreationTimestamp, c.StreamCreated)) {
			return true
		}
	}
	return false
}

// FailChannel puts a channel into the FAILED state with reason as its
// ChannelStatusReason, as AWS does when a channel cannot deliver (its
// role cannot be assumed, its bucket is gone), so tests can exercise a
// client's handling of it. A FAILED channel can only be deleted.
func (k *Kinesis) FailChannel(channelARN, reason string) error {
	_, err := changeAccount(k, func() (struct{}, error) { return struct{}{}, k.failChannel(channelARN, reason) })
	return err
}

func (k *Kinesis) failChannel(channelARN, reason string) error {
	now := k.cfg.clock.Now()
	c, err := k.channelFor(context.Background(), "", channelARN, nil, now)
	if err != nil {
		return err
	}
	defer k.account.mu.Unlock()
	if st := c.statusAt(now); st == ChannelStatusDeleting {
		return channelNotActive(c.Name, k.cfg.accountID, st)
	}
	c.Status, c.SettleAt, c.StatusReason = ChannelStatusFailed, time.Time{}, reason
	return nil
}

// channelCount counts the account's channels, as DescribeLimits reports it.
func (k *Kinesis) channelCount() int {
	k.account.mu.Lock()
	defer k.account.mu.Unlock()
	return len(k.liveChannelsLocked(k.cfg.clock.Now()))
}
