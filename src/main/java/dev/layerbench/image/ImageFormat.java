package dev.layerbench.image;

/** The forms an image arrives in. */
public enum ImageFormat {
    /** A directory in OCI image-layout form. */
    OCI_LAYOUT("oci"),
    /** A tar of an OCI image layout (skopeo's {@code oci-archive}). */
    OCI_ARCHIVE("oci-archive"),
    /** A {@code docker save} tar: {@code manifest.json} and layer tars (possibly also an OCI layout). */
    DOCKER_ARCHIVE("docker-archive");

    private final String label;

    ImageFormat(String label) {
        this.label = label;
    }

    /** The name skopeo gives the transport. */
    public String label() {
        return label;
    }
}
