package minikinesis

import "time"

// ChannelStatus is a channel's lifecycle state, named as AWS names it.
type ChannelStatus string

// The states a channel passes through.
const (
	ChannelStatusCreating ChannelStatus = "CREATING"
	ChannelStatusActive   ChannelStatus = "ACTIVE"
	ChannelStatusUpdating ChannelStatus = "UPDATING"
	ChannelStatusDeleting ChannelStatus = "DELETING"
	// ChannelStatusFailed is a channel that cannot deliver; its
	// ChannelStatusReason says why (see Kinesis.FailChannel).
	ChannelStatusFailed ChannelStatus = "FAILED"
)

// ChannelDestinationType is where a channel delivers: S3 or S3_TABLES.
type ChannelDestinationType string

// The destination types.
const (
	ChannelDestinationS3       ChannelDestinationType = "S3"
	ChannelDestinationS3Tables ChannelDestinationType = "S3_TABLES"
)

// RecordConfiguration mirrors AWS's RecordConfiguration: the format of the
// source stream's records.
type RecordConfiguration struct {
	// RecordFormatType is GSR_JSON (S3 Tables only), JSON, STRING or
	// BYTE_ARRAY (general purpose S3 only).
	RecordFormatType string
	// GSRSchemaARN is the Glue Schema Registry schema records follow;
	// required for an S3 Tables destination.
	GSRSchemaARN string
}

// ChannelStreamConfiguration mirrors AWS's ChannelStreamConfiguration.
type ChannelStreamConfiguration struct {
	StreamARN           string
	RecordConfiguration *RecordConfiguration
}

// ChannelEncryptionConfiguration mirrors AWS's
// ChannelEncryptionConfiguration: the customer-managed KMS key data is
// delivered with.
type ChannelEncryptionConfiguration struct {
	EncryptionType string // KMS
	KeyId          string
}

// CloudWatchLogs mirrors AWS's CloudWatchLogs (and, in UpdateChannel,
// CloudWatchLogsUpdateInput). Enabled is required; nil is a member left
// out.
type CloudWatchLogs struct {
	Enabled       *bool
	LogGroupName  string
	LogStreamName string
}

// ChannelLoggingConfiguration mirrors AWS's ChannelLoggingConfiguration
// (and, in UpdateChannel, ChannelLoggingUpdateInput).
type ChannelLoggingConfiguration struct {
	CloudWatchLogs *CloudWatchLogs
}

// S3StorageConfiguration mirrors AWS's S3StorageConfiguration.
type S3StorageConfiguration struct {
	BucketARN           string
	CompressionType     string // NONE, GZIP or ZSTD
	ExpectedBucketOwner string
	OutputKeyTemplate   string
	StorageClass        string // STANDARD, INTELLIGENT_TIERING or GLACIER_IR
}

// DeadLetterQueueS3Configuration mirrors AWS's
// DeadLetterQueueS3Configuration.
type DeadLetterQueueS3Configuration struct {
	BucketARN           string
	ExpectedBucketOwner string
	ErrorOutputPrefix   string
}

// S3DestinationConfiguration mirrors AWS's S3DestinationConfiguration.
type S3DestinationConfiguration struct {
	StorageConfiguration *S3StorageConfiguration
	// DataFreshnessInSeconds is 300..900; zero means the default, 300.
	DataFreshnessInSeconds         int
	DeadLetterQueueS3Configuration *DeadLetterQueueS3Configuration
}

// PartitionField mirrors AWS's PartitionField.
type PartitionField struct {
	SourceName string
	Transform  string // TIME_HOUR
}

// PartitionSpec mirrors AWS's PartitionSpec.
type PartitionSpec struct {
	PartitionFields []PartitionField
}

// S3TablesConfiguration mirrors AWS's S3TablesConfiguration.
type S3TablesConfiguration struct {
	CompressionType string // NONE, ZSTD or SNAPPY
	Namespace       string
	TableBucketARN  string
	TableName       string
	PartitionSpec   *PartitionSpec
}

// S3TablesDestinationConfiguration mirrors AWS's
// S3TablesDestinationConfiguration.
type S3TablesDestinationConfiguration struct {
	DeadLetterQueueS3Configuration *DeadLetterQueueS3Configuration
	S3TablesConfigurationList      []S3TablesConfiguration
	// DataFreshnessInSeconds is 300..900; zero means the default, 300.
	DataFreshnessInSeconds int
}

// S3DestinationDescription mirrors AWS's S3DestinationDescription.
type S3DestinationDescription struct {
	DataFreshnessInSeconds         int
	DeadLetterQueueS3Configuration DeadLetterQueueS3Configuration
	StorageConfiguration           S3StorageConfiguration
}

// S3TablesDestinationDescription mirrors AWS's
// S3TablesDestinationDescription.
type S3TablesDestinationDescription struct {
	DataFreshnessInSeconds         int
	DeadLetterQueueS3Configuration DeadLetterQueueS3Configuration
	S3TablesConfigurationList      []S3TablesConfiguration
}

// ChannelStreamDescription mirrors AWS's ChannelStreamDescription.
type ChannelStreamDescription struct {
	StreamARN               string
	StreamCreationTimestamp time.Time
	RecordConfiguration     RecordConfiguration
}

// ChannelDescription mirrors AWS's ChannelDescription.
type ChannelDescription struct {
	ChannelARN                       string
	ChannelCreationTimestamp         time.Time
	ChannelId                        string
	ChannelName                      string
	ChannelStatus                    ChannelStatus
	ChannelStatusReason              string
	LoggingConfiguration             ChannelLoggingConfiguration
	ServiceExecutionRoleARN          string
	StreamConfigurationList          []ChannelStreamDescription
	EncryptionConfiguration          *ChannelEncryptionConfiguration
	S3DestinationConfiguration       *S3DestinationDescription
	S3TablesDestinationConfiguration *S3TablesDestinationDescription
}

// ChannelStreamIdentifier mirrors AWS's ChannelStreamIdentifier.
type ChannelStreamIdentifier struct {
	StreamARN               string
	StreamCreationTimestamp time.Time
}

// ChannelSummary mirrors AWS's ChannelSummary, as ListChannels returns it.
type ChannelSummary struct {
	ChannelARN               string
	ChannelCreationTimestamp time.Time
	ChannelDestinationType   ChannelDestinationType
	ChannelId                string
	ChannelName              string
	ChannelStatus            ChannelStatus
	ChannelStatusReason      string
	Streams                  []ChannelStreamIdentifier
}

// StreamFilter mirrors AWS's StreamFilter: channels of this source stream
// (and, when StreamCreationTimestamp is set, of the stream created then).
type StreamFilter struct {
	StreamARN               string
	StreamCreationTimestamp time.Time
}

// ChannelState is one channel of a State, as an account keeps it.
type ChannelState struct {
	Name    string
	ID      string
	Created time.Time
	// Status is the state last entered; a transitional one (CREATING,
	// UPDATING, DELETING) ends at SettleAt.
	Status       ChannelStatus
	SettleAt     time.Time `json:",omitzero"`
	StatusReason string    `json:",omitempty"`
	// Stream names the source stream; StreamCreated tells it from a
	// stream of the same name created anew.
	Stream        string
	StreamCreated time.Time
	Record        RecordConfiguration
	RoleARN       string
	Logging       CloudWatchLogs
	Encryption    *ChannelEncryptionConfiguration `json:",omitempty"`
	S3            *S3DestinationDescription       `json:",omitempty"`
	S3Tables      *S3TablesDestinationDescription `json:",omitempty"`
	Tags          map[string]string               `json:",omitempty"`
}
