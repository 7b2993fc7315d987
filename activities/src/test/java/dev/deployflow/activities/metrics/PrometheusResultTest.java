package dev.deployflow.activities.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployflow.analysis.Measurement;
import dev.deployflow.analysis.Measurement.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every answer shape of a Prometheus instant query, and the measurement it becomes. */
class PrometheusResultTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      {"status":"success","data":{"resultType":"scalar","result":[1,"3.5"]}}                      | VALUE   | 3.5
      {"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"-2"]}]}} | VALUE | -2
      {"status":"success","data":{"resultType":"vector","result":[]}}                            | NO_DATA | empty vector
      {"status":"success","data":{"resultType":"scalar","result":[1,"NaN"]}}                      | NO_DATA | NaN
      {"status":"success","data":{"resultType":"scalar","result":[1,"+Inf"]}}                     | ERROR   | +Inf
      {"status":"success","data":{"resultType":"vector","result":[{"value":[1,"1"]},{"value":[1,"2"]},{"value":[1,"3"]}]}} | ERROR | 3 series
      {"status":"success","data":{"resultType":"matrix","result":[]}}                            | ERROR   | range vector
      {"status":"success","data":{"resultType":"string","result":[1,"x"]}}                        | ERROR   | string
      {"status":"success","data":{"resultType":"scalar","result":[1,"abc"]}}                      | ERROR   | 'abc' is not a number
      {"status":"success","data":{"resultType":"vector","result":[{"metric":{}}]}}               | ERROR   | no [time, value] sample
      {"status":"error","errorType":"timeout","error":"query timed out"}                         | ERROR   | timeout: query timed out
      {"data":{}}                                                                                | ERROR   | status was ''
      [1,2]                                                                                      | ERROR   | other than a JSON object
      """)
  void readsTheAnswer(String body, Kind kind, String expected) throws Exception {
    Measurement m = PrometheusResult.read("m", JSON.readTree(body), "2026-01-01T00:00:00Z");

    assertThat(m.kind()).isEqualTo(kind);
    if (kind == Kind.VALUE) {
      assertThat(m.value()).isEqualTo(Double.parseDouble(expected));
      assertThat(m.detail()).isNull();
    } else {
      assertThat(m.value()).isNull();
      assertThat(m.detail()).contains(expected);
    }
  }
}
