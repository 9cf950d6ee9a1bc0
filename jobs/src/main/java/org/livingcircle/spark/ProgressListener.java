package org.livingcircle.spark;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.livingcircle.common.Progress;
import scala.collection.Iterator;

/**
 * Feeds {@link Progress} from Spark's scheduler: tasks done of the tasks of the jobs started under
 * the current job description ({@link Sessions#describe}, e.g. "[access] jincheng: indicators per
 * cell and compound"), which is the phase. Jobs without a description count under "[spark] jobs".
 * Events arrive on Spark's listener thread, one at a time.
 */
public final class ProgressListener extends SparkListener {
  /** The phase of jobs started without a description. */
  static final String UNDESCRIBED = "[spark] jobs";

  /**
   * The job property {@code setJobGroup} sets (SparkContext.SPARK_JOB_DESCRIPTION, private to
   * Spark).
   */
  static final String JOB_DESCRIPTION = "spark.job.description";

  private final Progress progress;
  private final Map<Integer, Integer> jobOfStage = new HashMap<>();
  private final Map<Integer, Integer> tasksOfJob = new HashMap<>();
  private final Map<Integer, Integer> doneOfJob = new HashMap<>();
  private String phase;
  private long done;
  private long total;
  private int running;

  public ProgressListener(Progress progress) {
    this.progress = progress;
  }

  @Override
  public synchronized void onJobStart(SparkListenerJobStart job) {
    String description =
        job.properties() == null ? null : job.properties().getProperty(JOB_DESCRIPTION);
    String jobPhase = description == null || description.isBlank() ? UNDESCRIBED : description;
    if (!jobPhase.equals(phase)) {
      phase = jobPhase;
      done = 0;
      total = 0;
    }
    int tasks = 0;
    for (Iterator<StageInfo> it = job.stageInfos().iterator(); it.hasNext(); ) {
      StageInfo stage = it.next();
      jobOfStage.put(stage.stageId(), job.jobId());
      tasks += stage.numTasks();
    }
    tasksOfJob.put(job.jobId(), tasks);
    total += tasks;
    running++;
    progress.update(phase, done, total, "tasks");
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd task) {
    Integer job = jobOfStage.get(task.stageId());
    if (job != null && task.taskInfo() != null && task.taskInfo().successful()) {
      doneOfJob.merge(job, 1, Integer::sum);
      done = Math.min(total, done + 1);
      progress.update(phase, done, total, "tasks");
    }
  }

  @Override
  public synchronized void onJobEnd(SparkListenerJobEnd job) {
    Integer tasks = tasksOfJob.remove(job.jobId());
    Integer reported = doneOfJob.remove(job.jobId());
    jobOfStage.values().removeIf(j -> j == job.jobId());
    running = Math.max(0, running - 1);
    if (tasks != null && job.jobResult() instanceof org.apache.spark.scheduler.JobSucceeded$) {
      // stages a job skipped (their shuffle output existed) report no tasks: they are done too
      done = Math.min(total, done + tasks - (reported == null ? 0 : reported));
      progress.update(phase, done, total, "tasks");
    }
    if (running == 0) {
      progress.pause(); // the phase may go on with its next job
    }
  }

  /** Registers a listener on stderr's {@link Progress#stderr()} once per Spark context. */
  static synchronized void attach(SparkContext context) {
    if (attachedTo != context) {
      context.addSparkListener(new ProgressListener(Progress.stderr()));
      attachedTo = context;
    }
  }

  private static SparkContext attachedTo;
}
