package org.accrue.planning;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The micro-credentials on offer, read by {@link org.accrue.reading.Catalogues}.
 *
 * @param source   where it was read from, for messages
 * @param currency the currency plans are costed in: every item's {@link CatalogueItem#price()}
 * @param items    the items, in the file's order; ids are unique
 */
public record Catalogue(String source, String currency, List<CatalogueItem> items) {
    public Catalogue {
        items = List.copyOf(items);
    }

    public Optional<CatalogueItem> item(String id) {
        return items.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    /** The items by id. */
    public Map<String, CatalogueItem> byId() {
        Map<String, CatalogueItem> m = new java.util.LinkedHashMap<>();
        items.forEach(i -> m.put(i.id(), i));
        return m;
    }
}
