package kinesishttp

import (
	"strconv"

	"github.com/minikinesis/minikinesis"
)

// The channel operations' wire shapes. Requests hold pointers, so a
// member left out is told from an empty one; responses mirror the model's
// descriptions, leaving out what AWS leaves out.

type recordConfigurationWire struct {
	RecordFormatType *string `json:"RecordFormatType"`
	GSRSchemaARN     *string `json:"GSRSchemaARN,omitempty"`
}

type channelStreamConfigurationIn struct {
	StreamARN           *string                  `json:"StreamARN"`
	RecordConfiguration *recordConfigurationWire `json:"RecordConfiguration"`
}

type channelEncryptionWire struct {
	EncryptionType *string `json:"EncryptionType"`
	KeyId          *string `json:"KeyId"`
}

type cloudWatchLogsWire struct {
	Enabled       *bool   `json:"Enabled"`
	LogGroupName  *string `json:"LogGroupName,omitempty"`
	LogStreamName *string `json:"LogStreamName,omitempty"`
}

type channelLoggingWire struct {
	CloudWatchLogs *cloudWatchLogsWire `json:"CloudWatchLogs"`
}

type s3StorageWire struct {
	BucketARN           *string `json:"BucketARN"`
	CompressionType     *string `json:"CompressionType"`
	ExpectedBucketOwner *string `json:"ExpectedBucketOwner"`
	OutputKeyTemplate   *string `json:"OutputKeyTemplate,omitempty"`
	StorageClass        *string `json:"StorageClass,omitempty"`
}

type deadLetterQueueWire struct {
	BucketARN           *string `json:"BucketARN"`
	ExpectedBucketOwner *string `json:"ExpectedBucketOwner"`
	ErrorOutputPrefix   *string `json:"ErrorOutputPrefix,omitempty"`
}

type s3DestinationIn struct {
	StorageConfiguration           *s3StorageWire       `json:"StorageConfiguration"`
	DataFreshnessInSeconds         *int                 `json:"DataFreshnessInSeconds"`
	DeadLetterQueueS3Configuration *deadLetterQueueWire `json:"DeadLetterQueueS3Configuration"`
}

type partitionFieldWire struct {
	SourceName *string `json:"SourceName"`
	Transform  *string `json:"Transform"`
}

type partitionSpecWire struct {
	PartitionFields []partitionFieldWire `json:"PartitionFields"`
}

type s3TablesWire struct {
	CompressionType *string            `json:"CompressionType"`
	Namespace       *string            `json:"Namespace"`
	TableBucketARN  *string            `json:"TableBucketARN"`
	TableName       *string            `json:"TableName"`
	PartitionSpec   *partitionSpecWire `json:"PartitionSpec,omitempty"`
}

type s3TablesDestinationIn struct {
	DeadLetterQueueS3Configuration *deadLetterQueueWire `json:"DeadLetterQueueS3Configuration"`
	S3TablesConfigurationList      []s3TablesWire       `json:"S3TablesConfigurationList"`
	DataFreshnessInSeconds         *int                 `json:"DataFreshnessInSeconds"`
}

type createChannelIn struct {
	ChannelName                      *string                        `json:"ChannelName"`
	ServiceExecutionRoleARN          *string                        `json:"ServiceExecutionRoleARN"`
	StreamConfigurationList          []channelStreamConfigurationIn `json:"StreamConfigurationList"`
	EncryptionConfiguration          *channelEncryptionWire         `json:"EncryptionConfiguration"`
	LoggingConfiguration             *channelLoggingWire            `json:"LoggingConfiguration"`
	S3DestinationConfiguration       *s3DestinationIn               `json:"S3DestinationConfiguration"`
	S3TablesDestinationConfiguration *s3TablesDestinationIn         `json:"S3TablesDestinationConfiguration"`
	Tags                             map[string]string              `json:"Tags"`
}

func createChannelRequest(in *createChannelIn, m *members) *minikinesis.CreateChannelInput {
	out := &minikinesis.CreateChannelInput{
		ChannelName: m.req("channelName", in.ChannelName), ServiceExecutionRoleARN: m.req("serviceExecutionRoleARN", in.ServiceExecutionRoleARN),
		Tags: m.tags("tags", in.Tags),
	}
	if in.StreamConfigurationList == nil {
		m.absent("streamConfigurationList")
	} else {
		out.StreamConfigurationList = []minikinesis.ChannelStreamConfiguration{}
	}
	for i, sc := range in.StreamConfigurationList {
		at := "streamConfigurationList." + strconv.Itoa(i+1) + ".member."
		c := minikinesis.ChannelStreamConfiguration{StreamARN: m.req(at+"streamARN", sc.StreamARN)}
		if rc := sc.RecordConfiguration; rc != nil {
			c.RecordConfiguration = &minikinesis.RecordConfiguration{RecordFormatType: m.req(at+"recordConfiguration.recordFormatType", rc.RecordFormatType),
				GSRSchemaARN: m.opt(at+"recordConfiguration.gSRSchemaARN", rc.GSRSchemaARN)}
		} else {
			m.absent(at + "recordConfiguration")
		}
		out.StreamConfigurationList = append(out.StreamConfigurationList, c)
	}
	if e := in.EncryptionConfiguration; e != nil {
		out.EncryptionConfiguration = &minikinesis.ChannelEncryptionConfiguration{
			EncryptionType: m.req("encryptionConfiguration.encryptionType", e.EncryptionType), KeyId: m.req("encryptionConfiguration.keyId", e.KeyId)}
	}
	if l := in.LoggingConfiguration; l != nil {
		out.LoggingConfiguration = loggingIn(l, m)
	}
	if d := in.S3DestinationConfiguration; d != nil {
		const at = "s3DestinationConfiguration."
		out.S3DestinationConfiguration = &minikinesis.S3DestinationConfiguration{DataFreshnessInSeconds: num(d.DataFreshnessInSeconds),
			DeadLetterQueueS3Configuration: deadLetterIn(at+"deadLetterQueueS3Configuration.", d.DeadLetterQueueS3Configuration, m)}
		if s := d.StorageConfiguration; s != nil {
			out.S3DestinationConfiguration.StorageConfiguration = &minikinesis.S3StorageConfiguration{
				BucketARN: m.req(at+"storageConfiguration.bucketARN", s.BucketARN), CompressionType: m.req(at+"storageConfiguration.compressionType", s.CompressionType),
				ExpectedBucketOwner: m.req(at+"storageConfiguration.expectedBucketOwner", s.ExpectedBucketOwner),
				OutputKeyTemplate:   str(s.OutputKeyTemplate), StorageClass: m.opt(at+"storageConfiguration.storageClass", s.StorageClass)}
		} else {
			m.absent(at + "storageConfiguration")
		}
	}
	if d := in.S3TablesDestinationConfiguration; d != nil {
		const at = "s3TablesDestinationConfiguration."
		t := &minikinesis.S3TablesDestinationConfiguration{DataFreshnessInSeconds: num(d.DataFreshnessInSeconds),
			DeadLetterQueueS3Configuration: deadLetterIn(at+"deadLetterQueueS3Configuration.", d.DeadLetterQueueS3Configuration, m)}
		if d.DeadLetterQueueS3Configuration == nil {
			m.absent(at + "deadLetterQueueS3Configuration")
		}
		if d.S3TablesConfigurationList == nil {
			m.absent(at + "s3TablesConfigurationList")
		} else {
			t.S3TablesConfigurationList = []minikinesis.S3TablesConfiguration{}
		}
		for i, w := range d.S3TablesConfigurationList {
			tat := at + "s3TablesConfigurationList." + strconv.Itoa(i+1) + ".member."
			c := minikinesis.S3TablesConfiguration{CompressionType: m.req(tat+"compressionType", w.CompressionType), Namespace: m.req(tat+"namespace", w.Namespace),
				TableBucketARN: m.req(tat+"tableBucketARN", w.TableBucketARN), TableName: m.req(tat+"tableName", w.TableName)}
			if p := w.PartitionSpec; p != nil {
				c.PartitionSpec = &minikinesis.PartitionSpec{}
				if p.PartitionFields == nil {
					m.absent(tat + "partitionSpec.partitionFields")
				}
				for j, f := range p.PartitionFields {
					fat := tat + "partitionSpec.partitionFields." + strconv.Itoa(j+1) + ".member."
					c.PartitionSpec.PartitionFields = append(c.PartitionSpec.PartitionFields,
						minikinesis.PartitionField{SourceName: m.req(fat+"sourceName", f.SourceName), Transform: m.req(fat+"transform", f.Transform)})
				}
			}
			t.S3TablesConfigurationList = append(t.S3TablesConfigurationList, c)
		}
		out.S3TablesDestinationConfiguration = t
	}
	return out
}

func loggingIn(l *channelLoggingWire, m *members) *minikinesis.ChannelLoggingConfiguration {
	const at = "loggingConfiguration.cloudWatchLogs."
	if l.CloudWatchLogs == nil {
		m.absent("loggingConfiguration.cloudWatchLogs")
		return &minikinesis.ChannelLoggingConfiguration{}
	}
	c := l.CloudWatchLogs
	if c.Enabled == nil {
		m.absent(at + "enabled")
	}
	return &minikinesis.ChannelLoggingConfiguration{CloudWatchLogs: &minikinesis.CloudWatchLogs{Enabled: c.Enabled,
		LogGroupName: str(c.LogGroupName), LogStreamName: str(c.LogStreamName)}}
}

func deadLetterIn(at string, d *deadLetterQueueWire, m *members) *minikinesis.DeadLetterQueueS3Configuration {
	if d == nil {
		return nil
	}
	return &minikinesis.DeadLetterQueueS3Configuration{BucketARN: m.req(at+"bucketARN", d.BucketARN),
		ExpectedBucketOwner: m.req(at+"expectedBucketOwner", d.ExpectedBucketOwner), ErrorOutputPrefix: str(d.ErrorOutputPrefix)}
}

// The responses' shapes.

type channelStreamDescriptionOut struct {
	StreamARN               string                  `json:"StreamARN"`
	StreamCreationTimestamp epochTime               `json:"StreamCreationTimestamp"`
	RecordConfiguration     recordConfigurationWire `json:"RecordConfiguration"`
}

type s3DestinationOut struct {
	DataFreshnessInSeconds         int                 `json:"DataFreshnessInSeconds"`
	DeadLetterQueueS3Configuration deadLetterQueueWire `json:"DeadLetterQueueS3Configuration"`
	StorageConfiguration           s3StorageWire       `json:"StorageConfiguration"`
}

type s3TablesDestinationOut struct {
	DataFreshnessInSeconds         int                 `json:"DataFreshnessInSeconds"`
	DeadLetterQueueS3Configuration deadLetterQueueWire `json:"DeadLetterQueueS3Configuration"`
	S3TablesConfigurationList      []s3TablesWire      `json:"S3TablesConfigurationList"`
}

type channelDescriptionOut struct {
	ChannelARN                       string                        `json:"ChannelARN"`
	ChannelCreationTimestamp         epochTime                     `json:"ChannelCreationTimestamp"`
	ChannelId                        string                        `json:"ChannelId"`
	ChannelName                      string                        `json:"ChannelName"`
	ChannelStatus                    string                        `json:"ChannelStatus"`
	ChannelStatusReason              *string                       `json:"ChannelStatusReason,omitempty"`
	LoggingConfiguration             channelLoggingWire            `json:"LoggingConfiguration"`
	ServiceExecutionRoleARN          string                        `json:"ServiceExecutionRoleARN"`
	StreamConfigurationList          []channelStreamDescriptionOut `json:"StreamConfigurationList"`
	EncryptionConfiguration          *channelEncryptionWire        `json:"EncryptionConfiguration,omitempty"`
	S3DestinationConfiguration       *s3DestinationOut             `json:"S3DestinationConfiguration,omitempty"`
	S3TablesDestinationConfiguration *s3TablesDestinationOut       `json:"S3TablesDestinationConfiguration,omitempty"`
}

type channelDescriptionResponse struct {
	ChannelDescription channelDescriptionOut `json:"ChannelDescription"`
}

func deadLetterOut(d minikinesis.DeadLetterQueueS3Configuration) deadLetterQueueWire {
	return deadLetterQueueWire{BucketARN: &d.BucketARN, ExpectedBucketOwner: &d.ExpectedBucketOwner, ErrorOutputPrefix: optional(d.ErrorOutputPrefix)}
}

func tablesOut(list []minikinesis.S3TablesConfiguration) []s3TablesWire {
	out := make([]s3TablesWire, len(list))
	for i, t := range list {
		out[i] = s3TablesWire{CompressionType: &t.CompressionType, Namespace: &t.Namespace, TableBucketARN: &t.TableBucketARN, TableName: &t.TableName}
		if p := t.PartitionSpec; p != nil {
			spec := &partitionSpecWire{PartitionFields: make([]partitionFieldWire, len(p.PartitionFields))}
			for j, f := range p.PartitionFields {
				spec.PartitionFields[j] = partitionFieldWire{SourceName: &f.SourceName, Transform: &f.Transform}
			}
			out[i].PartitionSpec = spec
		}
	}
	return out
}

func channelOut(d minikinesis.ChannelDescription) channelDescriptionOut {
	out := channelDescriptionOut{
		ChannelARN: d.ChannelARN, ChannelCreationTimestamp: epochTime(d.ChannelCreationTimestamp), ChannelId: d.ChannelId,
		ChannelName: d.ChannelName, ChannelStatus: string(d.ChannelStatus), ChannelStatusReason: optional(d.ChannelStatusReason),
		ServiceExecutionRoleARN: d.ServiceExecutionRoleARN,
	}
	if l := d.LoggingConfiguration.CloudWatchLogs; l != nil {
		out.LoggingConfiguration.CloudWatchLogs = &cloudWatchLogsWire{Enabled: l.Enabled, LogGroupName: optional(l.LogGroupName), LogStreamName: optional(l.LogStreamName)}
	}
	for _, s := range d.StreamConfigurationList {
		out.StreamConfigurationList = append(out.StreamConfigurationList, channelStreamDescriptionOut{StreamARN: s.StreamARN,
			StreamCreationTimestamp: epochTime(s.StreamCreationTimestamp),
			RecordConfiguration:     recordConfigurationWire{RecordFormatType: &s.RecordConfiguration.RecordFormatType, GSRSchemaARN: optional(s.RecordConfiguration.GSRSchemaARN)}})
	}
	if e := d.EncryptionConfiguration; e != nil {
		out.EncryptionConfiguration = &channelEncryptionWire{EncryptionType: &e.EncryptionType, KeyId: &e.KeyId}
	}
	if s3 := d.S3DestinationConfiguration; s3 != nil {
		st := s3.StorageConfiguration
		out.S3DestinationConfiguration = &s3DestinationOut{DataFreshnessInSeconds: s3.DataFreshnessInSeconds,
			DeadLetterQueueS3Configuration: deadLetterOut(s3.DeadLetterQueueS3Configuration),
			StorageConfiguration: s3StorageWire{BucketARN: &st.BucketARN, CompressionType: &st.CompressionType, ExpectedBucketOwner: &st.ExpectedBucketOwner,
				OutputKeyTemplate: optional(st.OutputKeyTemplate), StorageClass: optional(st.StorageClass)}}
	}
	if t := d.S3TablesDestinationConfiguration; t != nil {
		out.S3TablesDestinationConfiguration = &s3TablesDestinationOut{DataFreshnessInSeconds: t.DataFreshnessInSeconds,
			DeadLetterQueueS3Configuration: deadLetterOut(t.DeadLetterQueueS3Configuration), S3TablesConfigurationList: tablesOut(t.S3TablesConfigurationList)}
	}
	return out
}

func createChannelResponse(out *minikinesis.CreateChannelOutput) *channelDescriptionResponse {
	return &channelDescriptionResponse{ChannelDescription: channelOut(out.ChannelDescription)}
}

type channelARNIn struct {
	ChannelARN *string `json:"ChannelARN"`
}

func describeChannelRequest(in *channelARNIn, m *members) *minikinesis.DescribeChannelInput {
	return &minikinesis.DescribeChannelInput{ChannelARN: m.req("channelARN", in.ChannelARN)}
}

func describeChannelResponse(out *minikinesis.DescribeChannelOutput) *channelDescriptionResponse {
	return &channelDescriptionResponse{ChannelDescription: channelOut(out.ChannelDescription)}
}

func deleteChannelRequest(in *channelARNIn, m *members) *minikinesis.DeleteChannelInput {
	return &minikinesis.DeleteChannelInput{ChannelARN: m.req("channelARN", in.ChannelARN)}
}

type freshnessUpdateIn struct {
	DataFreshnessInSeconds *int `json:"DataFreshnessInSeconds"`
}

type updateChannelIn struct {
	ChannelARN                       *string             `json:"ChannelARN"`
	LoggingConfiguration             *channelLoggingWire `json:"LoggingConfiguration"`
	S3DestinationConfiguration       *freshnessUpdateIn  `json:"S3DestinationConfiguration"`
	S3TablesDestinationConfiguration *freshnessUpdateIn  `json:"S3TablesDestinationConfiguration"`
}

func freshnessIn(path string, f *freshnessUpdateIn, m *members) *minikinesis.S3DestinationUpdateInput {
	if f == nil {
		return nil
	}
	if f.DataFreshnessInSeconds == nil {
		m.absent(path + ".dataFreshnessInSeconds")
	}
	return &minikinesis.S3DestinationUpdateInput{DataFreshnessInSeconds: f.DataFreshnessInSeconds}
}

func updateChannelRequest(in *updateChannelIn, m *members) *minikinesis.UpdateChannelInput {
	out := &minikinesis.UpdateChannelInput{ChannelARN: m.req("channelARN", in.ChannelARN),
		S3DestinationConfiguration:       freshnessIn("s3DestinationConfiguration", in.S3DestinationConfiguration, m),
		S3TablesDestinationConfiguration: freshnessIn("s3TablesDestinationConfiguration", in.S3TablesDestinationConfiguration, m)}
	if l := in.LoggingConfiguration; l != nil {
		out.LoggingConfiguration = loggingIn(l, m)
	}
	return out
}

func updateChannelResponse(out *minikinesis.UpdateChannelOutput) *channelDescriptionResponse {
	return &channelDescriptionResponse{ChannelDescription: channelOut(out.ChannelDescription)}
}

type streamFilterIn struct {
	StreamARN               *string    `json:"StreamARN"`
	StreamCreationTimestamp *epochTime `json:"StreamCreationTimestamp"`
}

type listChannelsIn struct {
	MaxResults   *int             `json:"MaxResults"`
	NextToken    *string          `json:"NextToken"`
	StreamFilter []streamFilterIn `json:"StreamFilter"`
}

type channelStreamIdentifierOut struct {
	StreamARN               string    `json:"StreamARN"`
	StreamCreationTimestamp epochTime `json:"StreamCreationTimestamp"`
}

type channelSummaryOut struct {
	ChannelARN               string                       `json:"ChannelARN"`
	ChannelCreationTimestamp epochTime                    `json:"ChannelCreationTimestamp"`
	ChannelDestinationType   string                       `json:"ChannelDestinationType"`
	ChannelId                string                       `json:"ChannelId"`
	ChannelName              string                       `json:"ChannelName"`
	ChannelStatus            string                       `json:"ChannelStatus"`
	ChannelStatusReason      *string                      `json:"ChannelStatusReason,omitempty"`
	Streams                  []channelStreamIdentifierOut `json:"Streams"`
}

type listChannelsOut struct {
	ChannelSummaries []channelSummaryOut `json:"ChannelSummaries"`
	NextToken        *string             `json:"NextToken,omitempty"`
}

func listChannelsRequest(in *listChannelsIn, m *members) *minikinesis.ListChannelsInput {
	out := &minikinesis.ListChannelsInput{MaxResults: m.limit("maxResults", in.MaxResults), NextToken: m.opt("nextToken", in.NextToken)}
	for i, f := range in.StreamFilter {
		out.StreamFilter = append(out.StreamFilter, minikinesis.StreamFilter{
			StreamARN: m.req("streamFilter."+strconv.Itoa(i+1)+".member.streamARN", f.StreamARN), StreamCreationTimestamp: timeOf(f.StreamCreationTimestamp)})
	}
	return out
}

func listChannelsResponse(out *minikinesis.ListChannelsOutput) *listChannelsOut {
	wire := &listChannelsOut{ChannelSummaries: make([]channelSummaryOut, len(out.ChannelSummaries)), NextToken: optional(out.NextToken)}
	for i, c := range out.ChannelSummaries {
		s := channelSummaryOut{ChannelARN: c.ChannelARN, ChannelCreationTimestamp: epochTime(c.ChannelCreationTimestamp),
			ChannelDestinationType: string(c.ChannelDestinationType), ChannelId: c.ChannelId, ChannelName: c.ChannelName,
			ChannelStatus: string(c.ChannelStatus), ChannelStatusReason: optional(c.ChannelStatusReason)}
		for _, st := range c.Streams {
			s.Streams = append(s.Streams, channelStreamIdentifierOut{StreamARN: st.StreamARN, StreamCreationTimestamp: epochTime(st.StreamCreationTimestamp)})
		}
		wire.ChannelSummaries[i] = s
	}
	return wire
}
