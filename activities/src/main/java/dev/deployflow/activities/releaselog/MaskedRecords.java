package dev.deployflow.activities.releaselog;

import dev.deployflow.activities.secrets.SecretMasker;
import dev.deployflow.activity.ReleaseLogActivities.PostMortem;
import dev.deployflow.activity.ReleaseLogActivities.ReleaseLogEntry;
import dev.deployflow.model.ReleaseStatus.CompensationStatus;
import dev.deployflow.model.ReleaseStatus.TimelineEvent;
import java.util.List;

/**
 * Release log entries and post-mortems with every text masked. The activities that produced
 * their failures masked them already; this is the last line before text lands in files the whole
 * team reads, so a secret that slipped through another path (a message quoting a URL with its
 * password) stops here.
 */
final class MaskedRecords {
  private MaskedRecords() {}

  static ReleaseLogEntry entry(ReleaseLogEntry e, SecretMasker m) {
    return new ReleaseLogEntry(
        m.mask(e.application()), m.mask(e.version()), m.mask(e.previousVersion()), m.mask(e.outcome()),
        m.mask(e.kind()), m.mask(e.requestedBy()), list(e.approvedBy(), m), list(e.changes(), m),
        m.mask(e.summary()), e.startedAt(), e.finishedAt(), timeline(e.timeline(), m),
        compensations(e.compensations(), m));
  }

  static PostMortem postMortem(PostMortem p, SecretMasker m) {
    return new PostMortem(
        m.mask(p.application()), m.mask(p.version()), m.mask(p.outcome()), m.mask(p.summary()),
        list(p.failures(), m), compensations(p.undone(), m), list(p.decidedBy(), m),
        p.startedAt(), p.finishedAt(), timeline(p.timeline(), m));
  }

  private static List<String> list(List<String> texts, SecretMasker m) {
    return texts == null ? null : texts.stream().map(m::mask).toList();
  }

  private static List<TimelineEvent> timeline(List<TimelineEvent> events, SecretMasker m) {
    return events == null
        ? null
        : events.stream().map(t -> new TimelineEvent(t.at(), m.mask(t.event()), m.mask(t.by()))).toList();
  }

  private static List<CompensationStatus> compensations(List<CompensationStatus> list, SecretMasker m) {
    return list == null
        ? null
        : list.stream().map(c -> new CompensationStatus(m.mask(c.action()), c.state(), m.mask(c.detail()))).toList();
  }
}
