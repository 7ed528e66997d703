package org.tessella.scheduler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A layer of explicitly listed tasks. */
final class MapLayer implements Layer {
    private final String name;
    private final Map<Key, Task> tasks = new HashMap<>();
    private final List<Key> keys = new ArrayList<>();

    MapLayer(String name, List<Task> list) {
        this.name = name;
        for (Task t : list) {
            if (!t.key().name().equals(name)) {
                throw new IllegalArgumentException("task key " + t.key() + " has another name than its layer: "
                        + name + "; expected keys named " + name);
            }
            if (tasks.put(t.key(), t) == null) {
                keys.add(t.key());
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Task task(int[] index) {
        return tasks.get(Key.ofOwned(name, index));
    }

    @Override
    public List<Key> keys() {
        return List.copyOf(keys);
    }
}
