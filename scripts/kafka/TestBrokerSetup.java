import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Readies a freshly started test broker in one JVM: one TopicCommand JVM per topic costs
 * seconds each on a 2-core machine, this costs about one.
 *
 * <p>Usage: TestBrokerSetup BOOTSTRAP PARTITIONS TIMEOUT_SECONDS TOPIC...
 *
 * <p>Waits until the broker answers, creates the topics (existing ones are kept), waits until
 * every partition has a leader, then warms up the group coordinator: the first FindCoordinator
 * creates __consumer_offsets, and a consumer that joins while it loads gets
 * COORDINATOR_LOAD_IN_PROGRESS, which kafkajs reports as a consumer crash and restart.
 */
public final class TestBrokerSetup {
  private static long deadline;

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: TestBrokerSetup BOOTSTRAP PARTITIONS TIMEOUT_SECONDS TOPIC...");
      System.exit(2);
    }
    String bootstrap = args[0];
    int partitions = Integer.parseInt(args[1]);
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[2]));
    List<String> topics = List.of(args).subList(3, args.length);

    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "dnsledger-test-setup");
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
    try (Admin admin = Admin.create(props)) {
      retry("broker answering", () -> admin.describeCluster().nodes().get().isEmpty() ? null : "");

      List<NewTopic> wanted = new ArrayList<>();
      for (String t : topics) wanted.add(new NewTopic(t, partitions, (short) 1));
      admin.createTopics(wanted).values().forEach((name, f) -> {
        try {
          f.get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) throw new RuntimeException(e);
        } catch (InterruptedException e) {
          throw new RuntimeException(e);
        }
      });
      retry("topic leaders", () -> allLed(admin, topics) ? "" : null);

      retry("group coordinator", () -> {
        try {
          admin.describeConsumerGroups(List.of("dnsledger-test-warmup")).all().get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof GroupIdNotFoundException)) throw e;
        }
        Set<String> all =
            admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
        return all.contains("__consumer_offsets") && allLed(admin, List.of("__consumer_offsets"))
            ? "" : null;
      });
    }
  }

  private static boolean allLed(Admin admin, List<String> topics) throws Exception {
    Map<String, TopicDescription> d = admin.describeTopics(topics).allTopicNames().get();
    for (TopicDescription td : d.values()) {
      for (TopicPartitionInfo p : td.partitions()) {
        if (p.leader() == null || p.leader().isEmpty()) return false;
      }
    }
    return true;
  }

  interface Step {
    /** Returns non-null when done; throws or returns null to be retried. */
    Object attempt() throws Exception;
  }

  private static void retry(String what, Step step) throws Exception {
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (step.attempt() != null) return;
        last = null;
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(200);
    }
    System.err.println("TestBrokerSetup: timed out waiting for " + what
        + (last == null ? "" : ": " + last));
    System.exit(1);
  }
}
