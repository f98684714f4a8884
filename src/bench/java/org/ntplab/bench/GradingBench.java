package org.ntplab.bench;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.ntplab.fixture.Fixture;
import org.ntplab.grading.Corpus;
import org.ntplab.grading.GradeReport;
import org.ntplab.grading.Grader;
import org.ntplab.grading.Lab;
import org.ntplab.grading.LocalGrading;
import org.ntplab.lab.DecodeLab;
import org.ntplab.labs.decode.Decoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The grading engine per graded fixture: lab 2 (decode, every header field) graded with the solved
 * lab over {@value #FIXTURES} captured fixtures, in this JVM (the cases, the comparison and the
 * time limit, without the student process's channel, which {@code bench/student-loop.sh} measures
 * whole); and the same student calls made directly, which the engine's cost is on top of.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GradingBench {

  static final int FIXTURES = 64;

  private static final Set<Lab> FIXTURE_LABS =
      Set.of(Lab.of(1), Lab.of(2), Lab.of(3), Lab.of(4), Lab.of(5));

  private Corpus corpus;
  private DecodeLab student;

  @Setup
  public void load() {
    List<Fixture> graded =
        Captured.fixtures().stream()
            .filter(f -> !Corpus.of(List.of(f)).packets().isEmpty())
            .limit(FIXTURES)
            .toList();
    if (graded.size() != FIXTURES) {
      throw new IllegalStateException(
          "only " + graded.size() + " fixtures hold a time packet, not " + FIXTURES);
    }
    corpus = Corpus.of(graded);
    student = new Decoder();
    GradeReport check = gradeFixtureLabsPerFixture();
    if (check.results().stream().anyMatch(r -> !r.outcome().passed())) {
      throw new IllegalStateException("the solved labs do not pass: " + check.results());
    }
  }

  @Benchmark
  @OperationsPerInvocation(FIXTURES)
  public GradeReport gradeDecodeLabPerFixture() {
    return LocalGrading.run(Set.of(Lab.of(2)), corpus, Grader.DEFAULT_TIME_LIMIT);
  }

  /**
   * Every lab whose questions come from the fixtures (1 to 5), per fixture: an upper bound, as the
   * questions that stand on no fixture are counted in too.
   */
  @Benchmark
  @OperationsPerInvocation(FIXTURES)
  public GradeReport gradeFixtureLabsPerFixture() {
    return LocalGrading.run(FIXTURE_LABS, corpus, Grader.DEFAULT_TIME_LIMIT);
  }

  /** What the student's own code costs for the same questions, without the engine. */
  @Benchmark
  @OperationsPerInvocation(FIXTURES)
  public void decodeLabDirectPerFixture(Blackhole bh) {
    for (Corpus.TimePacket p : corpus.packets()) {
      byte[] b = p.bytes().clone();
      bh.consume(student.leap(b));
      bh.consume(student.version(b));
      bh.consume(student.mode(b));
      bh.consume(student.stratum(b));
      bh.consume(student.poll(b));
      bh.consume(student.precision(b));
      bh.consume(student.rootDelay(b));
      bh.consume(student.rootDispersion(b));
      bh.consume(student.referenceId(b));
      bh.consume(student.referenceTime(b));
      bh.consume(student.originTime(b));
      bh.consume(student.receiveTime(b));
      bh.consume(student.transmitTime(b));
    }
  }
}
