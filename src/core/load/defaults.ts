/**
 * One data table, kept whole on purpose (its length is the sixteen kinds with a source,
 * year and note per figure, not logic): `docs/defaults.md` and the README mirror it.
 *
 * Per-kind defaults of the load/capacity model (SPEC 5.5): what one instance of each
 * component kind handles, holds and costs when the design does not say.
 *
 * Every figure names where it comes from. `assumption: true` marks a figure with no
 * authoritative source (an application server's requests per second) or one that could
 * not be checked against the source it names; its `source` then gives the reasoning.
 * Prices are AWS list prices, us-east-1 (N. Virginia), on-demand, Linux, first usage
 * tier, as of the year given; they change, and `estimation.defaults.<kind>.cost`
 * overrides them for a design.
 *
 * Base units (see SourcedFigure.value): requests/s, bytes, a count of connections, USD
 * per second (instance, fixed), USD per byte-second (storage), USD per byte (transfer),
 * USD per request (requests). A month is 30 days, a GB 1e9 bytes, a GiB/TiB 2^30/2^40.
 */
import type { ComponentKind } from '../types';

/** One default figure: its value in base units and where it comes from. */
export interface SourcedFigure {
  /** Base units: requests/s for capacity, bytes for storage_capacity, a count for max_connections,
   *  USD per second for instance/fixed (convert from per hour / per month with 3600 s and 30-day months),
   *  USD per byte-second for storage (per GB-month / 1e9 / (30*86400)), USD per byte for transfer, USD per request for requests. */
  value: number;
  /** As a person would write it, e.g. "100k/s", "64 TiB", "$0.0832/h", "$0.023/GB/month", "$0.40 / 1M". */
  shown: string;
  /** Where the figure comes from: a document title and URL, or the reasoning of an assumption. */
  source: string;
  /** The year of the source (or of the price list). */
  year: number;
  /** True where no authoritative figure exists and this is a stated assumption. */
  assumption: boolean;
  /** Optional: what the figure assumes (technology, instance type, reads vs writes). */
  note?: string;
}
export interface CostDefaults {
  instance?: SourcedFigure;
  storage?: SourcedFigure;
  transfer?: SourcedFigure;
  requests?: SourcedFigure;
  fixed?: SourcedFigure;
}
export interface KindDefaults {
  technology: string;
  capacity: SourcedFigure | null;
  storage_capacity: SourcedFigure | null;
  max_connections: SourcedFigure | null;
  cost: CostDefaults;
}

const HOUR = 3600;
const MONTH = 30 * 86400;
const GB = 1e9;
const GiB = 2 ** 30;
const TiB = 2 ** 40;
const MILLION = 1e6;

// Shared figures (one object each, so two kinds cannot drift apart).

const EC2_M7G_LARGE: SourcedFigure = {
  value: 0.0816 / HOUR,
  shown: '$0.0816/h',
  source:
    'Amazon EC2 On-Demand pricing, https://aws.amazon.com/ec2/pricing/on-demand/ (figure as quoted for us-east-1, June 2026, in "Amazon EC2 On-Demand Pricing (2026)", https://www.factualminds.com/blog/amazon-ec2-on-demand-pricing-instance-families-2026/)',
  year: 2026,
  assumption: false,
  note: 'm7g.large (2 vCPU Graviton3, 8 GiB), Linux, on-demand, us-east-1.',
};

const INTERNET_TRANSFER: SourcedFigure = {
  value: 0.09 / GB,
  shown: '$0.09/GB',
  source:
    'AWS data transfer out to the internet, first 10 TB/month, us-east-1: https://aws.amazon.com/ec2/pricing/on-demand/#Data_Transfer (as quoted in "AWS Data Transfer Pricing in 2026", https://leanopstech.com/blog/aws-data-transfer-pricing-2026/)',
  year: 2026,
  assumption: false,
  note: 'First 10 TB per month; 100 GB/month free across services; lower per-GB tiers above 10 TB.',
};

const APP_SERVER_CAPACITY: SourcedFigure = {
  value: 2000,
  shown: '2k/s',
  source:
    'Assumption: no authoritative figure exists for an application server, whose throughput depends entirely on the work per request. 2,000 requests/s per server is the figure the sysdesign spec itself uses for estimation.server_capacity (SPEC section 2) and a common interview rule of thumb for a stateless API server doing light work and calling a database or cache.',
  year: 2026,
  assumption: true,
  note: 'A stateless HTTP/JSON server on ~2-4 vCPU; estimation.server_capacity overrides it for service, worker and function.',
};

export const KIND_DEFAULTS: Readonly<Record<ComponentKind, KindDefaults>> = {
  client: {
    technology: "the user's browser or app (not provisioned, not billed)",
    capacity: null,
    storage_capacity: null,
    max_connections: null,
    cost: {},
  },

  dns: {
    technology: 'Amazon Route 53 (authoritative DNS, anycast, managed)',
    // Route 53 publishes no per-instance query limit for authoritative DNS; the only
    // per-IP query figure is for Resolver endpoints (as low as 1,500 qps with connection
    // tracking), which is not what a design's clients hit. Left null: never the bottleneck.
    capacity: null,
    storage_capacity: null,
    max_connections: null,
    cost: {
      fixed: {
        value: 0.5 / MONTH,
        shown: '$0.50/month',
        source:
          'Amazon Route 53 pricing, https://aws.amazon.com/route53/pricing/ ($0.50 per hosted zone per month for the first 25 zones, as quoted in "AWS DNS - Route 53 Features, Pricing and Limitations", https://ns1.com/resources/aws-dns)',
        year: 2026,
        assumption: false,
        note: 'One hosted zone; $0.10/month per zone beyond 25.',
      },
      requests: {
        value: 0.4 / MILLION,
        shown: '$0.40 / 1M',
        source:
          'Assumption: the Route 53 list price for standard queries as recalled ($0.40 per million, first billion queries a month), https://aws.amazon.com/route53/pricing/. Not found in the stored copies of that page; an older textbook (Buyya et al., Mastering Cloud Computing, 2013) gives $0.50 per million, so check before relying on it.',
        year: 2026,
        assumption: true,
        note: 'Standard queries; latency/geo routing costs more; queries to alias records of AWS resources are free.',
      },
    },
  },

  cdn: {
    technology: 'Amazon CloudFront (one distribution)',
    capacity: {
      value: 250_000,
      shown: '250k/s',
      source:
        'Amazon CloudFront Developer Guide, Quotas: "Requests per second per distribution: 250,000" (adjustable), https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html',
      year: 2026,
      assumption: false,
      note: 'Default quota per distribution; data transfer is separately capped at 150 Gbps per distribution.',
    },
    storage_capacity: null,
    max_connections: null,
    cost: {
      transfer: {
        value: 0.085 / GB,
        shown: '$0.085/GB',
        source: 'Amazon CloudFront pricing, https://aws.amazon.com/cloudfront/pricing/ (United States, Mexico and Canada, first 10 TB/month: $0.085 per GB)',
        year: 2026,
        assumption: false,
        note: 'First 10 TB/month out to the internet from North American edges; 1 TB/month always free.',
      },
      requests: {
        value: 1.0 / MILLION,
        shown: '$1.00 / 1M',
        source:
          'Amazon CloudFront pricing, https://aws.amazon.com/cloudfront/pricing/ (HTTPS requests, North America: $0.0100 per 10,000, as quoted in "AWS CloudFront Pricing Guide", https://wring.co/blog/aws-cloudfront-pricing-guide)',
        year: 2026,
        assumption: false,
        note: '$0.0100 per 10,000 HTTPS requests = $1.00 per million; 10M requests/month always free.',
      },
    },
  },

  'load-balancer': {
    technology: 'AWS Application Load Balancer',
    capacity: {
      value: 100_000,
      shown: '100k/s',
      source:
        'Assumption: an ALB scales out by itself and AWS publishes no requests-per-second maximum for one load balancer (only the LCU billing unit: 25 new connections/s, 3,000 active connections/min, 1 GB/h, 1,000 rule evaluations/s per LCU, https://aws.amazon.com/elasticloadbalancing/pricing/). 100k requests/s stands for one L7 proxy node (HAProxy/nginx class) so a design still sees when one balancer is asked for far more.',
      year: 2026,
      assumption: true,
      note: 'L7 HTTP(S) proxying of small requests; an NLB (L4) handles far more.',
    },
    storage_capacity: null,
    max_connections: null,
    cost: {
      fixed: {
        value: 16.2 / MONTH,
        shown: '$16.20/month',
        source:
          'Elastic Load Balancing pricing, https://aws.amazon.com/elasticloadbalancing/pricing/ (Application Load Balancer: "$0.0225 hourly charge" in the us-east-1 pricing example, as transcribed in https://raw.githubusercontent.com/api-evangelist/amazon-elastic-load-balancing/refs/heads/main/plans/amazon-elastic-load-balancing-plans-pricing.yml; x 720 h = $16.20 per 30-day month)',
        year: 2026,
        assumption: false,
        note: 'Hourly charge only; LCU usage ($0.008 per LCU-hour) is not modelled.',
      },
      transfer: INTERNET_TRANSFER,
    },
  },

  'api-gateway': {
    technology: 'Amazon API Gateway (REST API)',
    capacity: {
      value: 10_000,
      shown: '10k/s',
      source:
        'Amazon API Gateway quotas: "Throttle quota per account, per Region across HTTP APIs, REST APIs, WebSocket APIs, and WebSocket callback APIs: 10,000 requests per second (RPS)" with a 5,000-request burst, https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html',
      year: 2026,
      assumption: false,
      note: 'An account-and-Region quota (shared by every API in the account), adjustable; 2,500 RPS in some newer Regions.',
    },
    storage_capacity: null,
    max_connections: null,
    cost: {
      requests: {
        value: 3.5 / MILLION,
        shown: '$3.50 / 1M',
        source:
          'Best Practices for Designing Amazon API Gateway Private APIs and Private Integration (AWS whitepaper), Cost optimization, Table 4: REST API "First 333 million requests (per month): $3.50 (per million)", https://docs.aws.amazon.com/whitepapers/latest/best-practices-api-gateway-private-apis-integration/cost-optimization.html',
        year: 2026,
        assumption: false,
        note: 'REST API, first 333M requests/month; HTTP APIs cost $1.00 per million (first 300M).',
      },
    },
  },

  service: {
    technology: 'stateless application server on Amazon EC2 (m7g.large)',
    capacity: APP_SERVER_CAPACITY,
    storage_capacity: null,
    max_connections: {
      value: 50_000,
      shown: '50k',
      source:
        'Assumption (book figure): about 50k concurrent connections per WebSocket chat server, the figure used for the messenger design in Alex Xu, System Design Interview (as cited in the project brief; not checked against the book). For comparison, a stock nginx opens at most worker_connections = 512 per worker process by default (nginx core module documentation, as quoted in https://blog.csdn.net/weixin_44260058/article/details/103494281).',
      year: 2020,
      assumption: true,
      note: 'Long-lived, mostly idle connections (WebSocket/long-poll) on a tuned server; a default nginx worker allows 512.',
    },
    cost: { instance: EC2_M7G_LARGE },
  },

  worker: {
    technology: 'queue consumer on Amazon EC2 (m7g.large)',
    capacity: APP_SERVER_CAPACITY,
    storage_capacity: null,
    max_connections: null,
    cost: { instance: EC2_M7G_LARGE },
  },

  function: {
    technology: 'AWS Lambda (one execution environment)',
    capacity: {
      value: 10,
      shown: '10/s',
      source:
        'AWS Lambda Developer Guide, Lambda scaling behavior: "your concurrency scaling rate is 1,000 execution environment instances every 10 seconds (or 10,000 requests per second every 10 seconds)", i.e. 10 requests/s per execution environment, https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html',
      year: 2026,
      assumption: false,
      note: 'One execution environment runs one request at a time; default account concurrency is 1,000 environments per Region (https://serverlessland.com/content/service/lambda/guides/aws-lambda-operator-guide/scaling-concurrency).',
    },
    storage_capacity: null,
    max_connections: null,
    cost: {
      requests: {
        value: 0.2 / MILLION,
        shown: '$0.20 / 1M',
        source:
          'AWS Lambda pricing, https://aws.amazon.com/lambda/pricing/ ("$0.20 per million requests", as transcribed from the page in https://raw.githubusercontent.com/api-evangelist/aws-lambda/refs/heads/main/plans/aws-lambda-plans-pricing.yml)',
        year: 2026,
        assumption: false,
        note: 'Request charge only; duration ($0.0000166667 per GB-second on x86) is not included; 1M requests/month free.',
      },
    },
  },

  cache: {
    technology: 'Redis (Amazon ElastiCache for Redis OSS/Valkey, cache.r7g.large)',
    capacity: {
      value: 81_000,
      shown: '81k/s',
      source:
        'Redis documentation, Benchmarks, "How Fast is Redis?": redis-benchmark with 50 clients, 256-byte values, Xeon X3320 2.5 GHz, "about 110000 SETs per second, about 81000 GETs per second", https://raw.githubusercontent.com/antirez/redis/2.2.14/doc/Benchmarks.html (the current page, http://redis.io/topics/benchmarks, shows redis-benchmark usage without a headline figure)',
      year: 2011,
      assumption: false,
      note: 'Single-threaded Redis, no pipelining. GETs 81k/s (the lower, used here), SETs 110k/s; modern hardware and pipelining go well beyond this.',
    },
    storage_capacity: {
      value: 13.07 * GiB,
      shown: '13.07 GiB',
      source:
        'Assumption: the memory of one cache.r7g.large node (13.07 GiB) as recalled from the ElastiCache node-type tables, https://aws.amazon.com/elasticache/pricing/ and https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheNodes.SupportedTypes.html; the stored copies of those pages did not show the memory column.',
      year: 2026,
      assumption: true,
      note: 'Raw node memory; ElastiCache reserves about 25% for overhead by default, so usable keyspace is about 10 GB.',
    },
    max_connections: {
      value: 10_000,
      shown: '10,000',
      source:
        'Redis documentation, "ERR max number of clients reached": "The limit is the maxclients setting, which is 10,000 by default", https://redis.io/docs/latest/develop/reference/errors/common/err-max-clients/',
      year: 2026,
      assumption: false,
      note: 'Default maxclients; lowered automatically if the process file-descriptor limit is smaller.',
    },
    cost: {
      instance: {
        value: 0.219 / HOUR,
        shown: '$0.219/h',
        source:
          'Assumption: the ElastiCache on-demand list price of cache.r7g.large in us-east-1 as recalled ($0.219/h), https://aws.amazon.com/elasticache/pricing/; the stored copies of the page render prices as placeholders, so it could not be checked.',
        year: 2026,
        assumption: true,
        note: 'cache.r7g.large (2 vCPU, 13.07 GiB), Redis OSS engine, on-demand; Valkey is priced about 20% lower.',
      },
    },
  },

  'sql-database': {
    technology: 'PostgreSQL (Amazon RDS for PostgreSQL, db.m5.large, Single-AZ, gp3)',
    capacity: {
      value: 1000,
      shown: '1k/s',
      source:
        'Assumption: there is no authoritative throughput figure for PostgreSQL; it depends on the queries, indexes, hardware and the working set fitting in memory. 1,000 writes/s (transactions that each touch a few rows) and ~10,000 simple indexed reads/s per node are typical interview figures for one relational primary.',
      year: 2026,
      assumption: true,
      note: 'Writes 1k/s (the lower, used here); simple point reads about 10k/s. Read replicas serve reads only.',
    },
    storage_capacity: {
      value: 64 * TiB,
      shown: '64 TiB',
      source:
        'Amazon RDS User Guide, Increasing DB instance storage capacity: "Every DB instance has a primary storage volume with a maximum capacity of 64 TiB", https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIOPS.ModifyingExisting.html',
      year: 2026,
      assumption: false,
      note: 'RDS for PostgreSQL/MySQL/MariaDB maximum; Aurora grows to 128 TiB.',
    },
    max_connections: {
      value: 100,
      shown: '100',
      source:
        'PostgreSQL documentation, Connections and Authentication, max_connections: "The default is typically 100 connections", https://www.postgresql.org/docs/current/runtime-config-connection.html (as reproduced at https://postgresqlco.nf/doc/en/param/max_connections)',
      year: 2026,
      assumption: false,
      note: 'Stock PostgreSQL default; RDS sets its own default from the instance memory, so a db.m5.large allows more. Use a pooler beyond a few hundred.',
    },
    cost: {
      instance: {
        value: 0.178 / HOUR,
        shown: '$0.178/h',
        source:
          'Assumption: the RDS for PostgreSQL on-demand list price of db.m5.large, Single-AZ, us-east-1 as recalled ($0.178/h), https://aws.amazon.com/rds/postgresql/pricing/; not found in the stored copies of the page.',
        year: 2026,
        assumption: true,
        note: 'db.m5.large (2 vCPU, 8 GiB), Single-AZ; Multi-AZ costs twice as much.',
      },
      storage: {
        value: 0.115 / GB / MONTH,
        shown: '$0.115/GB/month',
        source:
          'Amazon RDS pricing, https://aws.amazon.com/rds/pricing/ (gp3 storage $0.115 per GB-month in us-east-1, as quoted in "RDS pricing calculator", https://www.usage.ai/blogs/aws/reserved-instances/rds/pricing-calculator/)',
        year: 2026,
        assumption: false,
        note: 'General Purpose gp3, Single-AZ, 3,000 IOPS included.',
      },
    },
  },

  'nosql-database': {
    technology: 'Amazon DynamoDB (one partition), on-demand',
    capacity: {
      value: 1000,
      shown: '1k/s',
      source:
        'Amazon DynamoDB Developer Guide, Best practices for designing and using partition keys: "every partition in a DynamoDB table is designed to deliver a maximum capacity of 3,000 read units per second and 1,000 write units per second", https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html',
      year: 2026,
      assumption: false,
      note: 'Writes 1,000/s of items up to 1 KB (the lower, used here); reads 3,000/s strongly consistent (6,000 eventually consistent) of items up to 4 KB. For Cassandra, Netflix measured about 1.1M client writes/s on 288 nodes (~3.8k/node, ~11.5k/node counting 3x replication): https://medium.com/netflix-techblog/benchmarking-cassandra-scalability-on-aws-over-a-million-writes-per-second-39f45f066c9e (2011).',
    },
    storage_capacity: {
      value: 10 * GB,
      shown: '10 GB',
      source:
        'Amazon DynamoDB Developer Guide, partitions (a partition holds up to 10 GB; a table gets ceil(size / 10 GB) partitions), https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GuidelinesForTables.html#GuidelinesForTables.Partitions (as cited in https://cljdoc.org/d/dynamo-utils/dynamo-utils/0.3.1/api/dynamo-utils.core and https://www.infoobjects.com/2016/09/17/amazon-dynamodb-sizing-demystified/)',
      year: 2016,
      assumption: false,
      note: 'DynamoDB counts a GB as 1024^3 bytes; shown here in decimal GB (7% lower, on the safe side).',
    },
    max_connections: null,
    cost: {
      requests: {
        value: 0.625 / MILLION,
        shown: '$0.625 / 1M',
        source:
          'Amazon DynamoDB pricing, on-demand, https://aws.amazon.com/dynamodb/pricing/ ($0.625 per million write request units, $0.125 per million read request units in US East, as quoted in "Amazon DynamoDB Pricing", https://airbyte.com/data-engineering-resources/dynamodb-pricing)',
        year: 2025,
        assumption: false,
        note: 'Write request units (1 KB), used for every request as the conservative choice; reads (4 KB) cost $0.125 per million.',
      },
      storage: {
        value: 0.25 / GB / MONTH,
        shown: '$0.25/GB/month',
        source:
          'Amazon DynamoDB pricing, https://aws.amazon.com/dynamodb/pricing/ (Standard table class storage $0.25 per GB-month, as listed in "AWS Serverless Cost Breakdown", https://gist.github.com/allenheltondev/d028926b7fe3b0656c96af9140ab55e3)',
        year: 2020,
        assumption: false,
        note: 'Standard table class; the first 25 GB/month are free.',
      },
    },
  },

  'object-store': {
    technology: 'Amazon S3 Standard (one prefix)',
    capacity: {
      value: 3500,
      shown: '3,500/s',
      source:
        'Amazon S3 User Guide, Best practices design patterns: optimizing Amazon S3 performance: "at least 3,500 PUT/COPY/POST/DELETE or 5,500 GET/HEAD requests per second per partitioned Amazon S3 prefix", https://docs.aws.amazon.com/AmazonS3/latest/userguide/optimizing-performance.html',
      year: 2026,
      assumption: false,
      note: 'Writes 3,500/s per prefix (the lower, used here); reads 5,500/s. No limit on the number of prefixes, so shards = prefixes.',
    },
    // S3 holds any amount of data (5 TB per object, no bucket limit): no storage_capacity.
    storage_capacity: null,
    max_connections: null,
    cost: {
      storage: {
        value: 0.023 / GB / MONTH,
        shown: '$0.023/GB/month',
        source:
          'Amazon S3 pricing, https://aws.amazon.com/s3/pricing/ (S3 Standard, first 50 TB/month: $0.023 per GB, as quoted in "Understanding Amazon S3 Pricing", https://deepeshsoni.com/archives/256)',
        year: 2026,
        assumption: false,
        note: 'S3 Standard, first 50 TB/month, us-east-1.',
      },
      requests: {
        value: 0.4 / MILLION,
        shown: '$0.40 / 1M',
        source:
          'Amazon S3 pricing, https://aws.amazon.com/s3/pricing/ (S3 Standard GET $0.0004 per 1,000, PUT/COPY/POST/LIST $0.005 per 1,000, as quoted in "S3 request fees explained", https://c3x.dev/blog/s3-request-fees-explained)',
        year: 2026,
        assumption: false,
        note: 'GET/HEAD ($0.0004 per 1,000), since reads dominate; PUTs cost $5.00 per million, 12.5x more.',
      },
      transfer: {
        value: 0.09 / GB,
        shown: '$0.09/GB',
        source:
          'Amazon S3 pricing, data transfer out to the internet, https://aws.amazon.com/s3/pricing/ ("Transfer data from S3 directly to the internet and you pay $0.09/GB", as quoted in "AWS CloudFront Pricing Guide", https://wring.co/blog/aws-cloudfront-pricing-guide)',
        year: 2026,
        assumption: false,
        note: 'S3 direct to the internet, first 10 TB/month; transfer from S3 to CloudFront is free.',
      },
    },
  },

  queue: {
    technology: 'Amazon SQS',
    capacity: {
      value: 3000,
      shown: '3,000/s',
      source:
        'Amazon SQS Developer Guide, message quotas: FIFO queues allow 300 transactions per second per API action (SendMessage, ReceiveMessage, DeleteMessage) per partition, and with batching up to 3,000 messages per second; standard queues support "a nearly unlimited number of API calls per second", https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html',
      year: 2026,
      assumption: false,
      note: 'FIFO queue (non-high-throughput mode) with batches of 10: 3,000 messages/s; 300/s unbatched. A standard queue has no practical limit, so this is the conservative figure.',
    },
    // SQS stores an unlimited number of messages (up to 14 days): no storage_capacity.
    storage_capacity: null,
    max_connections: null,
    cost: {
      requests: {
        value: 0.4 / MILLION,
        shown: '$0.40 / 1M',
        source:
          'Amazon SQS pricing, https://aws.amazon.com/sqs/pricing/ (standard queue $0.40 per million requests after the first million each month, as quoted in "Amazon SQS Pricing: Complete Guide (2026)", https://cloudburn.io/blog/amazon-sqs-pricing)',
        year: 2026,
        assumption: false,
        note: 'Standard queue, first 100 billion requests/month; FIFO $0.50 per million; each 64 KB of payload is one request.',
      },
    },
  },

  stream: {
    technology: 'Amazon Kinesis Data Streams (one shard), provisioned mode',
    capacity: {
      value: 1000,
      shown: '1k/s',
      source:
        'Amazon Kinesis Data Streams Developer Guide, Create and manage Kinesis data streams: "A shard supports 1 MB/s and 1000 records per second for writes and 2 MB/s for reads", https://docs.aws.amazon.com/streams/latest/dev/working-with-streams.html',
      year: 2026,
      assumption: false,
      note: 'Writes 1,000 records/s and 1 MB/s per shard (the lower, used here); reads 2 MB/s and 5 GetRecords calls/s. A Kafka partition goes much further: a single producer wrote 821,557 records/s (100 bytes, 6 partitions, 3 brokers) in J. Kreps, "Benchmarking Apache Kafka: 2 Million Writes Per Second (On Three Cheap Machines)", LinkedIn Engineering, 2014.',
    },
    storage_capacity: {
      value: 86.4 * GB,
      shown: '86.4 GB',
      source:
        'Assumption derived from one documented and one recalled figure: 1 MB/s of writes per shard (https://docs.aws.amazon.com/streams/latest/dev/working-with-streams.html) x 86,400 s of the default 24-hour retention (as recalled; also in the pricing transcription https://raw.githubusercontent.com/api-evangelist/amazon-kinesis/refs/heads/main/plans/amazon-kinesis-plans-pricing.yml) = 86.4 GB held per shard at most.',
      year: 2026,
      assumption: true,
      note: 'Default 24-hour retention; extended retention (up to 365 days) multiplies it.',
    },
    max_connections: null,
    cost: {
      instance: {
        value: 0.015 / HOUR,
        shown: '$0.015/h',
        source:
          'Assumption: the Kinesis Data Streams provisioned-mode list price of $0.015 per shard-hour in us-east-1 as recalled, https://aws.amazon.com/kinesis/data-streams/pricing/; it matches a third-party transcription (https://raw.githubusercontent.com/api-evangelist/amazon-kinesis/refs/heads/main/plans/amazon-kinesis-plans-pricing.yml, itself marked "generated, not harvested from the provider"), so it is not checked against AWS.',
        year: 2026,
        assumption: true,
        note: 'Per shard-hour, provisioned mode, 24-hour retention.',
      },
      requests: {
        value: 0.014 / MILLION,
        shown: '$0.014 / 1M',
        source:
          'Assumption: the Kinesis Data Streams list price of $0.014 per million PUT payload units (25 KB each) as recalled, https://aws.amazon.com/kinesis/data-streams/pricing/; same third-party transcription as the shard-hour price, not checked against AWS.',
        year: 2026,
        assumption: true,
        note: 'One PUT payload unit per record of up to 25 KB.',
      },
    },
  },

  search: {
    technology: 'Amazon OpenSearch Service (one r6g.large.search data node, gp3 EBS)',
    capacity: {
      value: 1000,
      shown: '1k/s',
      source:
        'Assumption: OpenSearch/Elasticsearch publish no per-node query rate; it depends on the query, the shard count and whether the index fits in memory. AWS sizing guidance starts from about 1.5 vCPU per shard (AWS agent toolkit, OpenSearch sizing reference, https://raw.githubusercontent.com/aws/agent-toolkit-for-aws/main/skills/specialized-skills/analytics-skills/amazon-opensearch-service/references/sizing.md); 1,000 simple term queries/s per 2-vCPU data node is a round planning figure, with indexing lower.',
      year: 2026,
      assumption: true,
      note: 'Simple searches served from memory on a 2-vCPU, 16 GiB node; aggregations and heavy indexing are much slower.',
    },
    storage_capacity: {
      value: 480 * GiB,
      shown: '480 GiB',
      source:
        'Assumption derived from a sizing guideline: a storage-to-memory ratio of 30:1 per data node (Oracle Verrazzano, "Customize OpenSearch", cluster topology planning, https://docs.oracle.com/cd/F51697_01/vzdoc/docs/observability/logging/configure-opensearch/opensearch) x 16 GiB memory of an r6g.large.search = 480 GiB of index per node; AWS recommends 10-50 GiB shards (https://docs.aws.amazon.com/wellarchitected/latest/amazon-opensearch-service-lens/aosperf01-bp01.html).',
      year: 2026,
      assumption: true,
      note: 'Index bytes per data node including replicas; source data needs about 1.45x that on disk.',
    },
    max_connections: null,
    cost: {
      instance: {
        value: 0.167 / HOUR,
        shown: '$0.167/h',
        source:
          'Assumption: the OpenSearch Service on-demand list price of r6g.large.search in us-east-1 as recalled ($0.167/h), https://aws.amazon.com/opensearch-service/pricing/; not found in the stored copies of the page.',
        year: 2026,
        assumption: true,
        note: 'r6g.large.search (2 vCPU, 16 GiB) data node; dedicated master nodes are extra.',
      },
      storage: {
        value: 0.122 / GB / MONTH,
        shown: '$0.122/GB/month',
        source:
          'Assumption: the OpenSearch Service gp3 EBS list price in us-east-1 as recalled ($0.122 per GB-month), https://aws.amazon.com/opensearch-service/pricing/; AWS says gp3 is 9.6% cheaper than gp2 (https://aws.amazon.com/jp/blogs/big-data/lower-your-amazon-opensearch-service-storage-cost-with-gp3-amazon-ebs-volumes), but the stored pages show no per-GB number.',
        year: 2026,
        assumption: true,
        note: 'gp3 EBS volume attached to a data node, per GB provisioned.',
      },
    },
  },

  external: {
    technology: 'a third-party system outside the design (not provisioned, not billed here)',
    capacity: null,
    storage_capacity: null,
    max_connections: null,
    cost: {},
  },
};
