-- avg_response_time / avg_resolution_time: the mean of end - start as interval. Included by duration.rs.

CREATE FUNCTION kpi_internal.mean_duration_final(state internal) RETURNS interval
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'mean_duration_final';
CREATE FUNCTION kpi_internal.response_time_accum(state internal, requested_at timestamptz, responded_at timestamptz) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'response_time_accum_tstz';
CREATE FUNCTION kpi_internal.response_time_inv(state internal, requested_at timestamptz, responded_at timestamptz) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'response_time_inv_tstz';
CREATE FUNCTION kpi_internal.response_time_accum(state internal, requested_at timestamp, responded_at timestamp) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'response_time_accum_ts';
CREATE FUNCTION kpi_internal.response_time_inv(state internal, requested_at timestamp, responded_at timestamp) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'response_time_inv_ts';
CREATE FUNCTION kpi_internal.resolution_time_accum(state internal, opened_at timestamptz, resolved_at timestamptz) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'resolution_time_accum_tstz';
CREATE FUNCTION kpi_internal.resolution_time_inv(state internal, opened_at timestamptz, resolved_at timestamptz) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'resolution_time_inv_tstz';
CREATE FUNCTION kpi_internal.resolution_time_accum(state internal, opened_at timestamp, resolved_at timestamp) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'resolution_time_accum_ts';
CREATE FUNCTION kpi_internal.resolution_time_inv(state internal, opened_at timestamp, resolved_at timestamp) RETURNS internal
    LANGUAGE C IMMUTABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'resolution_time_inv_ts';

CREATE AGGREGATE avg_response_time(requested_at timestamptz, responded_at timestamptz) (
    SFUNC = kpi_internal.response_time_accum, STYPE = internal, FINALFUNC = kpi_internal.mean_duration_final,
    COMBINEFUNC = kpi_internal.mean_combine_int, SERIALFUNC = kpi_internal.mean_serialize_int, DESERIALFUNC = kpi_internal.mean_deserialize_int,
    MSFUNC = kpi_internal.response_time_accum, MINVFUNC = kpi_internal.response_time_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.mean_duration_final, PARALLEL = SAFE);
CREATE AGGREGATE avg_response_time(requested_at timestamp, responded_at timestamp) (
    SFUNC = kpi_internal.response_time_accum, STYPE = internal, FINALFUNC = kpi_internal.mean_duration_final,
    COMBINEFUNC = kpi_internal.mean_combine_int, SERIALFUNC = kpi_internal.mean_serialize_int, DESERIALFUNC = kpi_internal.mean_deserialize_int,
    MSFUNC = kpi_internal.response_time_accum, MINVFUNC = kpi_internal.response_time_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.mean_duration_final, PARALLEL = SAFE);
CREATE AGGREGATE avg_resolution_time(opened_at timestamptz, resolved_at timestamptz) (
    SFUNC = kpi_internal.resolution_time_accum, STYPE = internal, FINALFUNC = kpi_internal.mean_duration_final,
    COMBINEFUNC = kpi_internal.mean_combine_int, SERIALFUNC = kpi_internal.mean_serialize_int, DESERIALFUNC = kpi_internal.mean_deserialize_int,
    MSFUNC = kpi_internal.resolution_time_accum, MINVFUNC = kpi_internal.resolution_time_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.mean_duration_final, PARALLEL = SAFE);
CREATE AGGREGATE avg_resolution_time(opened_at timestamp, resolved_at timestamp) (
    SFUNC = kpi_internal.resolution_time_accum, STYPE = internal, FINALFUNC = kpi_internal.mean_duration_final,
    COMBINEFUNC = kpi_internal.mean_combine_int, SERIALFUNC = kpi_internal.mean_serialize_int, DESERIALFUNC = kpi_internal.mean_deserialize_int,
    MSFUNC = kpi_internal.resolution_time_accum, MINVFUNC = kpi_internal.resolution_time_inv, MSTYPE = internal, MFINALFUNC = kpi_internal.mean_duration_final, PARALLEL = SAFE);

COMMENT ON FUNCTION kpi_internal.mean_duration_final(internal) IS 'avg_response_time/avg_resolution_time final function: mean microseconds as interval (days and time), NULL when nothing was counted';
COMMENT ON AGGREGATE avg_response_time(timestamptz, timestamptz) IS 'Average response time: mean of responded_at - requested_at as interval over rows with both set (a NULL responded_at, not yet answered, is skipped); an end before its start is error 22023; NULL when none';
COMMENT ON FUNCTION kpi_internal.response_time_accum(internal, timestamptz, timestamptz) IS 'avg_response_time() transition function: adds one duration in microseconds';
COMMENT ON FUNCTION kpi_internal.response_time_inv(internal, timestamptz, timestamptz) IS 'avg_response_time() moving-aggregate inverse: subtracts one duration';
COMMENT ON AGGREGATE avg_response_time(timestamp, timestamp) IS 'Average response time: mean of responded_at - requested_at as interval over rows with both set (a NULL responded_at, not yet answered, is skipped); an end before its start is error 22023; NULL when none';
COMMENT ON FUNCTION kpi_internal.response_time_accum(internal, timestamp, timestamp) IS 'avg_response_time() transition function: adds one duration in microseconds';
COMMENT ON FUNCTION kpi_internal.response_time_inv(internal, timestamp, timestamp) IS 'avg_response_time() moving-aggregate inverse: subtracts one duration';
COMMENT ON AGGREGATE avg_resolution_time(timestamptz, timestamptz) IS 'Average resolution time: mean of resolved_at - opened_at as interval over rows with both set (a NULL resolved_at, not yet resolved, is skipped); an end before its start is error 22023; NULL when none';
COMMENT ON FUNCTION kpi_internal.resolution_time_accum(internal, timestamptz, timestamptz) IS 'avg_resolution_time() transition function: adds one duration in microseconds';
COMMENT ON FUNCTION kpi_internal.resolution_time_inv(internal, timestamptz, timestamptz) IS 'avg_resolution_time() moving-aggregate inverse: subtracts one duration';
COMMENT ON AGGREGATE avg_resolution_time(timestamp, timestamp) IS 'Average resolution time: mean of resolved_at - opened_at as interval over rows with both set (a NULL resolved_at, not yet resolved, is skipped); an end before its start is error 22023; NULL when none';
COMMENT ON FUNCTION kpi_internal.resolution_time_accum(internal, timestamp, timestamp) IS 'avg_resolution_time() transition function: adds one duration in microseconds';
COMMENT ON FUNCTION kpi_internal.resolution_time_inv(internal, timestamp, timestamp) IS 'avg_resolution_time() moving-aggregate inverse: subtracts one duration';
