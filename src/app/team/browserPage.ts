/** The page the team refresh watches (src/controllers/refreshScheduler.ts), in the browser. */
import type { RefreshPage } from '../../controllers/refreshScheduler.ts';

/** The browser page: visible per the Page Visibility API; wakes on visibilitychange, focus, online. */
export function browserPage(): RefreshPage {
  return {
    visible: () => document.visibilityState === 'visible',
    onWake(listener) {
      const onVisibility = () => {
        if (document.visibilityState === 'visible') listener();
      };
      document.addEventListener('visibilitychange', onVisibility);
      window.addEventListener('focus', listener);
      window.addEventListener('online', listener);
      return () => {
        document.removeEventListener('visibilitychange', onVisibility);
        window.removeEventListener('focus', listener);
        window.removeEventListener('online', listener);
      };
    },
  };
}
