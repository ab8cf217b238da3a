package minikinesis

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// The enums and patterns of the channel operations, as the API reference
// declares them.
const (
	channelARNPattern    = `arn:aws.*:kinesis:.*:\d{12}:channel/\S+`
	recordFormatTypes    = "GSR_JSON, JSON, STRING, BYTE_ARRAY"
	s3CompressionTypes   = "NONE, GZIP, ZSTD"
	s3StorageClasses     = "STANDARD, INTELLIGENT_TIERING, GLACIER_IR"
	s3TablesCompressions = "NONE, ZSTD, SNAPPY"
	accountIDPattern     = `\d{12}`

	// DefaultDataFreshnessSeconds is how long a channel buffers records
	// at most when the request does not say; AWS accepts 300..900.
	DefaultDataFreshnessSeconds = 300
	maxDataFreshnessSeconds     = 900
	// The CloudWatch Logs names a channel logs to when enabled without
	// names; the group's holds the channel's name and id.
	defaultLogStreamName = "DestinationDelivery"
	// kinesisServiceKey is the AWS-managed key a channel may not use.
	kinesisServiceKey = "alias/aws/kinesis"
)

var (
	channelARNRegexp = regexp.MustCompile(`^(?:` + channelARNPattern + `)$`)
	accountIDRegexp  = regexp.MustCompile(`^\d{12}$`)
	iamRoleARNRegexp = regexp.MustCompile(`^arn:aws[a-z-]*:iam::\d{12}:role/\S+$`)
)

// inEnum reports whether value is one of set's comma-separated values.
func inEnum(value, set string) bool { return slices.Contains(strings.Split(set, ", "), value) }

// requireEnum checks a required enum member.
func (v *violations) requireEnum(path, value, set string) {
	switch {
	case value == "":
		*v = append(*v, nullViolation(path))
	case !inEnum(value, set):
		*v = append(*v, enumViolation(path, value, set))
	}
}

// requireString checks a required string member and its length.
func (v *violations) requireString(path, value string, max int) {
	if value == "" {
		*v = append(*v, nullViolation(path))
		return
	}
	v.checkLength(path, value, 1, max)
}

// requireChannelARN checks a ChannelARN member.
func (v *violations) requireChannelARN(arn string) {
	v.requireString("channelARN", arn, maxARNLength)
	if arn != "" && !channelARNRegexp.MatchString(arn) {
		*v = append(*v, patternViolation("channelARN", arn, channelARNPattern))
	}
}

// requireStreamARN checks a required StreamARN member at path.
func (v *violations) requireStreamARN(path, arn string) {
	v.requireString(path, arn, maxARNLength)
	if arn != "" && !streamARNRegexp.MatchString(arn) {
		*v = append(*v, patternViolation(path, arn, streamARNPattern))
	}
}

func (v *violations) requireAccountID(path, id string) {
	v.requireString(path, id, 12)
	if id != "" && !accountIDRegexp.MatchString(id) {
		*v = append(*v, patternViolation(path, id, accountIDPattern))
	}
}

// checkChannelListLength checks a list member that holds exactly one item
// today (one stream, one table per channel).
func (v *violations) checkChannelListLength(path string, n int) {
	switch {
	case n == 0:
		*v = append(*v, minLengthViolation(path, "[]", 1))
	case n > 1:
		*v = append(*v, maxLengthViolation(path, "["+strconv.Itoa(n)+" items]", 1))
	}
}

// createChannelViolations are a CreateChannel request's broken declared
// constraints, in the order of its members.
func createChannelViolations(in *CreateChannelInput) violations {
	var v violations
	v.requireName("channelName", in.ChannelName)
	v.requireString("serviceExecutionRoleARN", in.ServiceExecutionRoleARN, maxARNLength)
	if in.StreamConfigurationList == nil {
		v = append(v, nullViolation("streamConfigurationList"))
	} else {
		v.checkChannelListLength("streamConfigurationList", len(in.StreamConfigurationList))
	}
	for i, sc := range in.StreamConfigurationList {
		at := "streamConfigurationList." + strconv.Itoa(i+1) + ".member."
		v.requireStreamARN(at+"streamARN", sc.StreamARN)
		if sc.RecordConfiguration == nil {
			v = append(v, nullViolation(at+"recordConfiguration"))
		} else {
			v.requireEnum(at+"recordConfiguration.recordFormatType", sc.RecordConfiguration.RecordFormatType, recordFormatTypes)
			v.checkLength(at+"recordConfiguration.gSRSchemaARN", sc.RecordConfiguration.GSRSchemaARN, 0, maxARNLength)
		}
	}
	if e := in.EncryptionConfiguration; e != nil {
		v.requireEnum("encryptionConfiguration.encryptionType", e.EncryptionType, "KMS")
		v.requireString("encryptionConfiguration.keyId", e.KeyId, 2048)
	}
	if l := in.LoggingConfiguration; l != nil {
		v.checkCloudWatchLogs("loggingConfiguration.cloudWatchLogs", l.CloudWatchLogs)
	}
	if d := in.S3DestinationConfiguration; d != nil {
		const at = "s3DestinationConfiguration."
		if s := d.StorageConfiguration; s == nil {
			v = append(v, nullViolation(at+"storageConfiguration"))
		} else {
			v.requireString(at+"storageConfiguration.bucketARN", s.BucketARN, maxARNLength)
			v.requireEnum(at+"storageConfiguration.compressionType", s.CompressionType, s3CompressionTypes)
			v.requireAccountID(at+"storageConfiguration.expectedBucketOwner", s.ExpectedBucketOwner)
			if s.StorageClass != "" && !inEnum(s.StorageClass, s3StorageClasses) {
				v = append(v, enumViolation(at+"storageConfiguration.storageClass", s.StorageClass, s3StorageClasses))
			}
		}
		v.checkDeadLetterQueue(at+"deadLetterQueueS3Configuration", d.DeadLetterQueueS3Configuration, false)
	}
	if d := in.S3TablesDestinationConfiguration; d != nil {
		const at = "s3TablesDestinationConfiguration."
		v.checkDeadLetterQueue(at+"deadLetterQueueS3Configuration", d.DeadLetterQueueS3Configuration, true)
		if d.S3TablesConfigurationList == nil {
			v = append(v, nullViolation(at+"s3TablesConfigurationList"))
		} else {
			v.checkChannelListLength(at+"s3TablesConfigurationList", len(d.S3TablesConfigurationList))
		}
		for i, t := range d.S3TablesConfigurationList {
			tat := at + "s3TablesConfigurationList." + strconv.Itoa(i+1) + ".member."
			v.requireEnum(tat+"compressionType", t.CompressionType, s3TablesCompressions)
			v.requireString(tat+"namespace", t.Namespace, 255)
			v.requireString(tat+"tableBucketARN", t.TableBucketARN, maxARNLength)
			v.requireString(tat+"tableName", t.TableName, 255)
			if p := t.PartitionSpec; p != nil {
				if p.PartitionFields == nil {
					v = append(v, nullViolation(tat+"partitionSpec.partitionFields"))
				}
				for j, f := range p.PartitionFields {
					fat := tat + "partitionSpec.partitionFields." + strconv.Itoa(j+1) + ".member."
					v.requireString(fat+"sourceName", f.SourceName, 255)
					v.requireEnum(fat+"transform", f.Transform, "TIME_HOUR")
				}
			}
		}
	}
	if in.Tags != nil {
		v.checkTagMap("tags", in.Tags)
	}
	return v
}

func (v *violations) checkCloudWatchLogs(path string, c *CloudWatchLogs) {
	if c == nil {
		*v = append(*v, nullViolation(path))
		return
	}
	if c.Enabled == nil {
		*v = append(*v, nullViolation(path+".enabled"))
	}
	v.checkLength(path+".logGroupName", c.LogGroupName, 0, 512)
	v.checkLength(path+".logStreamName", c.LogStreamName, 0, 512)
}

func (v *violations) checkDeadLetterQueue(path string, d *DeadLetterQueueS3Configuration, required bool) {
	if d == nil {
		if required {
			*v = append(*v, nullViolation(path))
		}
		return
	}
	v.requireString(path+".bucketARN", d.BucketARN, maxARNLength)
	v.requireAccountID(path+".expectedBucketOwner", d.ExpectedBucketOwner)
	v.checkLength(path+".errorOutputPrefix", d.ErrorOutputPrefix, 0, 1024)
}

// checkDataFreshness is the service's check of a freshness interval
// (zero: not given).
func checkDataFreshness(seconds int) error {
	if seconds == 0 {
		return nil
	}
	return checkFreshnessRange(seconds)
}

// checkFreshnessRange is the service's check of a freshness interval
// given.
func checkFreshnessRange(seconds int) error {
	if seconds < DefaultDataFreshnessSeconds || seconds > maxDataFreshnessSeconds {
		return invalidChannel("DataFreshnessInSeconds must be between " + strconv.Itoa(DefaultDataFreshnessSeconds) + " and " +
			strconv.Itoa(maxDataFreshnessSeconds) + " seconds. Requested: " + strconv.Itoa(seconds) + ".")
	}
	return nil
}

// createChannelSemantics are the service's checks of a well-formed
// CreateChannel request: one destination, a record format it supports, a
// role to assume, a customer-managed key.
func createChannelSemantics(in *CreateChannelInput) error {
	s3, tables := in.S3DestinationConfiguration, in.S3TablesDestinationConfiguration
	switch {
	case s3 == nil && tables == nil:
		return invalidChannel("Either S3DestinationConfiguration or S3TablesDestinationConfiguration must be specified.")
	case s3 != nil && tables != nil:
		return invalidChannel("S3DestinationConfiguration and S3TablesDestinationConfiguration cannot be specified together.")
	}
	if !iamRoleARNRegexp.MatchString(in.ServiceExecutionRoleARN) {
		return invalidChannel("ServiceExecutionRoleARN " + in.ServiceExecutionRoleARN + " is not a valid IAM role ARN.")
	}
	if e := in.EncryptionConfiguration; e != nil && (e.KeyId == kinesisServiceKey || strings.HasSuffix(e.KeyId, ":"+kinesisServiceKey)) {
		return invalidChannel("KeyId " + e.KeyId + " is the AWS managed key for Kinesis; a channel needs a customer managed KMS key.")
	}
	rc := in.StreamConfigurationList[0].RecordConfiguration
	format := rc.RecordFormatType
	if s3 != nil {
		if format == "GSR_JSON" {
			return invalidChannel("RecordFormatType GSR_JSON is supported only for S3 Tables destinations.")
		}
		return checkDataFreshness(s3.DataFreshnessInSeconds)
	}
	if format == "STRING" || format == "BYTE_ARRAY" {
		return invalidChannel("RecordFormatType " + format + " is supported only for general purpose S3 destinations.")
	}
	if rc.GSRSchemaARN == "" {
		return invalidChannel("GSRSchemaARN is required for an S3 Tables destination.")
	}
	return checkDataFreshness(tables.DataFreshnessInSeconds)
}

// newerEmptyViolations are the constraints an empty value breaks for the
// members of the newer operations (resource policies, account settings,
// record distribution, channels); false for a member they do not have.
func newerEmptyViolations(path string) ([]Violation, bool) {
	name := path[strings.LastIndexByte(path, '.')+1:]
	one := func(v Violation) ([]Violation, bool) { return []Violation{v}, true }
	switch {
	case name == "resourceARN":
		return []Violation{patternViolation(path, "", resourceARNPattern), minLengthViolation(path, "", 1)}, true
	case name == "channelARN":
		return []Violation{patternViolation(path, "", channelARNPattern), minLengthViolation(path, "", 1)}, true
	case name == "channelName":
		return []Violation{patternViolation(path, "", namePattern), minLengthViolation(path, "", 1)}, true
	case path == "minimumThroughputBillingCommitment.status":
		return one(enumViolation(path, "", "ENABLED, DISABLED"))
	case name == "recordDistributionStrategy":
		return one(enumViolation(path, "", recordDistributionStrategies))
	case name == "recordFormatType":
		return one(enumViolation(path, "", recordFormatTypes))
	case name == "storageClass":
		return one(enumViolation(path, "", s3StorageClasses))
	case name == "transform":
		return one(enumViolation(path, "", "TIME_HOUR"))
	case name == "compressionType" && strings.HasPrefix(path, "s3Tables"):
		return one(enumViolation(path, "", s3TablesCompressions))
	case name == "compressionType":
		return one(enumViolation(path, "", s3CompressionTypes))
	case path == "encryptionConfiguration.encryptionType":
		return one(enumViolation(path, "", "KMS"))
	case name == "expectedBucketOwner":
		return []Violation{patternViolation(path, "", accountIDPattern), minLengthViolation(path, "", 1)}, true
	case name == "streamConfigurationList" || name == "s3TablesConfigurationList":
		return one(minLengthViolation(path, "[]", 1))
	case strings.HasPrefix(path, "streamConfigurationList.") && name == "streamARN",
		strings.HasPrefix(path, "streamFilter.") && name == "streamARN":
		return []Violation{patternViolation(path, "", streamARNPattern), minLengthViolation(path, "", 1)}, true
	}
	return nil, false
}
