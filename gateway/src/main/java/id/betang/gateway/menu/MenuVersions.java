package id.betang.gateway.menu;

import java.util.Optional;

/** Where the dialogue gets its menu: the active version for a new dial, the session's own for one under way. */
public interface MenuVersions {

    MenuVersion current();

    /** The version with this checksum while it is still kept; empty once it is gone. */
    Optional<MenuVersion> version(String checksum);

    /** One version for good: tools and tests without a database. */
    static MenuVersions fixed(MenuVersion only) {
        return new MenuVersions() {
            @Override
            public MenuVersion current() {
                return only;
            }

            @Override
            public Optional<MenuVersion> version(String checksum) {
                return Optional.of(only).filter(v -> v.checksum().equals(checksum));
            }
        };
    }
}
