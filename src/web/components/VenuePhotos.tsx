/**
 * A venue's photos on the public pages (the venue page; a town's or village's page under its centre
 * or station): a row of thumbnails, each in a fixed 4:3 box so nothing moves as they arrive, loaded
 * only when scrolled to, swiped sideways on a phone. A thumbnail is a button that opens the photo
 * larger in a dialog with its description, 上一张 / 下一张 and 关闭 (Esc too; the keyboard comes
 * back to the thumbnail). Each photo's description is its alt: what a screen reader says for it.
 */
import { useEffect, useId, useRef, useState } from 'react';
import './VenuePhotos.css';

export interface PublicPhoto {
  url: string;
  alt: string;
  width: number;
  height: number;
}

export function VenuePhotos({ photos, label }: { photos: readonly PublicPhoto[]; label: string }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<HTMLButtonElement | null>(null);
  const prevRef = useRef<HTMLButtonElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const captionId = useId();
  const [shown, setShown] = useState<number | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (shown !== null && dialog && !dialog.open) {
      dialog.showModal();
      // closing is always one key away
      closeRef.current?.focus();
    }
  }, [shown]);

  if (photos.length === 0) return null;
  const photo = shown === null ? null : photos[shown];
  const close = () => dialogRef.current?.close();
  /** Another photo; at the first or last, the keyboard moves to the other way along. */
  const go = (to: number) => {
    setShown(to);
    requestAnimationFrame(() => {
      if (to === 0) nextRef.current?.focus();
      else if (to === photos.length - 1) prevRef.current?.focus();
    });
  };

  return (
    <>
      <ul className="venue-photos" aria-label={`${label}（${photos.length} 张）`}>
        {photos.map((p, i) => (
          <li key={p.url}>
            <button
              type="button"
              className="venue-photos__open"
              onClick={(e) => {
                openerRef.current = e.currentTarget;
                setShown(i);
              }}
            >
              <img src={p.url} alt={p.alt} width={p.width} height={p.height} loading="lazy" decoding="async" />
              <span className="visually-hidden">（查看大图）</span>
            </button>
          </li>
        ))}
      </ul>
      <dialog
        ref={dialogRef}
        className="venue-photo-dialog"
        aria-labelledby={photo ? captionId : undefined}
        onClose={() => {
          setShown(null);
          openerRef.current?.focus();
        }}
        // a press on the backdrop (outside the dialog's box) closes it
        onClick={(e) => {
          if (e.target === dialogRef.current) close();
        }}
      >
        {photo && shown !== null && (
          <>
            <figure className="venue-photo-dialog__figure">
              <img src={photo.url} alt="" width={photo.width} height={photo.height} />
              <figcaption id={captionId}>{photo.alt}</figcaption>
            </figure>
            <p className="venue-photo-dialog__count">
              第 {shown + 1} 张，共 {photos.length} 张
            </p>
            <div className="button-row">
              {photos.length > 1 && (
                <>
                  <button ref={prevRef} type="button" className="bm-btn bm-btn--secondary" disabled={shown === 0} onClick={() => go(shown - 1)}>
                    上一张
                  </button>
                  <button ref={nextRef} type="button" className="bm-btn bm-btn--secondary" disabled={shown === photos.length - 1} onClick={() => go(shown + 1)}>
                    下一张
                  </button>
                </>
              )}
              <button ref={closeRef} type="button" className="bm-btn bm-btn--primary" onClick={close}>
                关闭
              </button>
            </div>
          </>
        )}
      </dialog>
    </>
  );
}
