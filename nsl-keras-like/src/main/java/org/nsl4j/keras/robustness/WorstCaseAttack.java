package org.nsl4j.keras.robustness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The worst case over several attacks, per example, as AutoAttack combines its attacks: an example
 * withstands the ensemble only if it withstands every member. Each member runs on every example of
 * the batch exactly as it would alone (same batches, same random streams), so the ensemble is
 * never weaker than any member alone with the same batch size.
 *
 * <pre>{@code
 * Attack worst = WorstCaseAttack.of(FastGradientMethod.fgsm(0.3f),
 *     AutoProjectedGradientDescent.builder().eps(0.3f).build());
 * }</pre>
 */
public final class WorstCaseAttack extends Attack {

  private static final long serialVersionUID = 1L;

  private final List<Attack> members;

  private WorstCaseAttack(List<Attack> members) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a worst-case attack needs at least one member attack");
    }
    for (Attack a : members) {
      if (a.eps() != members.get(0).eps() || a.targeted() != members.get(0).targeted()) {
        throw new IllegalArgumentException("the members of a worst-case attack must share eps and"
            + " targeting, got " + members.get(0).name() + " eps " + members.get(0).eps() + " and "
            + a.name() + " eps " + a.eps());
      }
    }
    this.members = List.copyOf(members);
  }

  /** The worst case over {@code members}, which must share ε. */
  public static WorstCaseAttack of(Attack... members) {
    return new WorstCaseAttack(List.of(members));
  }

  /** The worst case over {@code members}, which must share ε. */
  public static WorstCaseAttack of(List<? extends Attack> members) {
    return new WorstCaseAttack(new ArrayList<>(members));
  }

  public List<Attack> members() {
    return members;
  }

  @Override
  public String name() {
    return "worst-case";
  }

  @Override
  public float eps() {
    return members.get(0).eps();
  }

  @Override
  public WorstCaseAttack withEps(float eps) {
    return of(members.stream().map(a -> a.withEps(eps)).toList());
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("eps", Checks.decimal(eps()));
    List<Map<String, Object>> m = new ArrayList<>();
    for (Attack a : members) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("name", a.name());
      one.putAll(a.params());
      m.add(one);
    }
    p.put("members", m);
    return p;
  }

  @Override
  public int batchSize() {
    return members.stream().mapToInt(Attack::batchSize).min().orElseThrow();
  }

  @Override
  public long seed() {
    return members.get(0).seed();
  }

  @Override
  public boolean targeted() {
    return members.get(0).targeted();
  }

  @Override
  public boolean needsGradients() {
    return members.stream().anyMatch(Attack::needsGradients);
  }

  @Override
  void check(Classifier c) {
    members.forEach(a -> a.check(c));
  }

  @Override
  void perturb(Classifier c, Batch batch, Tracker tracker) {
    List<Tracker> results = new ArrayList<>();
    for (Attack member : members) {
      Tracker t = tracker.fresh(batch);
      member.perturb(c, batch, t);
      results.add(t);
    }
    for (int j = 0; j < batch.size(); j++) {
      for (Tracker t : results) {
        if (t.fooled(j)) {
          tracker.adopt(j, t);
        }
      }
      tracker.adopt(j, results.get(results.size() - 1));
    }
  }

  @Override
  public String toString() {
    return name() + params();
  }
}
